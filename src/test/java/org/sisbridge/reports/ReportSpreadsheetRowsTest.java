package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.runtime.MisCodes;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/** A report saved from a spreadsheet: its formatted, empty rows (",,,,") are no rows, and no rejects. */
class ReportSpreadsheetRowsTest {

    private static final String HEADER = "mis_code,ccc_id,latest_app_id,latest_app_tstmp_submit,latest_app_idme_workflow_status,"
            + "latest_app_idme_optin_timestamp,latest_app_idme_confirmation_timestamp,current_idme_workflow_status,"
            + "current_idme_optin_timestamp,current_idme_confirmation_timestamp,current_idme_workflow_status_change_timestamp";

    @TempDir
    Path folder;

    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
    }

    @Test
    void aSpreadsheetsEmptyRowsAreSkippedLikeBlankLines() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "report-spreadsheet-rows");
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        Path report = folder.resolve("111-BACKFILL.csv");
        Files.writeString(report, "\uFEFF" + String.join("\r\n", HEADER,
                "111,CXX0200,254185027142955,2023-06-09 07:42,verified,,,expired,,,2024-01-01 00:01",
                ",,,,,,,,,,",
                " , ,,,,,,,,, ",
                "111,DYX0201,1315196675424144,2023-02-05 13:53,verified,,,expired,,,2024-01-01 00:05",
                ",,,,,,,,,,") + "\r\n", StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        ReportLoader loader = new ReportLoader(database.dataSource(), new ReportRowValidator(new MisCodes(Set.of("111")),
                StatusTransitionPolicy.parse("verified>expired")), new StatusChangeTable("idme_status_change"),
                new RejectWriter("sisbridge_reject", clock), new ReportLoadTable(database.dataSource(), "sisbridge_report_load"),
                500, clock, () -> false, List.of(writer), 1);

        ReportOutcome outcome = loader.load(new ReportIdentity("111-BACKFILL", ReportScan.scan(report).sha256(), null, null,
                null, null, ReportIdentity.DROP), report);

        assertThat(outcome.rowsValid()).isEqualTo(2);
        assertThat(outcome.rows()).isEqualTo(2);
        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(2);
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
    }

    @Test
    void aReportLibreOfficeSavedBackToCsvLoadsAsTheReportWithTheSameKeys() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "report-libreoffice-copy");
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        Path original = folder.resolve("111-DAILY-2026-11-30.csv");
        Files.writeString(original, String.join("\n", HEADER,
                "111,CXX0200,254185027142955,2023-06-09 07:42,verified,,,expired,,,2024-01-01 00:01",
                "111,DYX0201,1315196675424144,2023-02-05 13:53,unverified,2023-02-05 13:55,,verified,2023-02-05 13:55,"
                        + "2023-02-06 09:10,2023-02-06 09:10") + "\n", StandardCharsets.UTF_8);
        // what LibreOffice Calc 7.4 wrote back (opened with comma, UTF-8, then saved as Text CSV): every text quoted,
        // every timestamp given seconds. Before, both rows were refused with INVALID_REPORT_TIMESTAMP
        Path copy = folder.resolve("111-DAILY-2026-11-30-opened.csv");
        Files.writeString(copy, String.join("\n", "\"" + HEADER.replace(",", "\",\"") + "\"",
                "111,\"CXX0200\",254185027142955,2023-06-09 07:42:00,\"verified\",,,\"expired\",,,2024-01-01 00:01:00",
                "111,\"DYX0201\",1315196675424144,2023-02-05 13:53:00,\"unverified\",2023-02-05 13:55:00,,\"verified\","
                        + "2023-02-05 13:55:00,2023-02-06 09:10:00,2023-02-06 09:10:00") + "\n", StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        ReportLoader loader = new ReportLoader(database.dataSource(), new ReportRowValidator(new MisCodes(Set.of("111")),
                StatusTransitionPolicy.parse("verified>expired")), new StatusChangeTable("idme_status_change"),
                new RejectWriter("sisbridge_reject", clock), new ReportLoadTable(database.dataSource(), "sisbridge_report_load"),
                500, clock, () -> false, List.of(writer), 1);

        ReportOutcome fromCopy = loader.load(new ReportIdentity("111-DAILY-2026-11-30-opened", ReportScan.scan(copy).sha256(),
                null, null, null, null, ReportIdentity.DROP), copy);
        assertThat(fromCopy.rowsValid()).isEqualTo(2);
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
        // the original, dropped after its copy: its rows have the same keys, so nothing is staged twice
        loader.load(new ReportIdentity("111-DAILY-2026-11-30", ReportScan.scan(original).sha256(), null, null, null, null,
                ReportIdentity.DROP), original);
        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(2);
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
    }
}
