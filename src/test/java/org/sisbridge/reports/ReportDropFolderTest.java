package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/** Files dropped in the inbox: a good one loads and moves to done/, a bad one goes to error/ with a reason, a copy loads once. */
class ReportDropFolderTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void goodFileBadFileAndTheSameFileTwice(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 2000;
        settings.reports.badRowRate = 0.02;
        Path work = ReportsAgent.workDir("drop");
        Path inbox = work.resolve("inbox");
        try (AgentFixture fixture = ReportsAgent.fixture(settings, TestDatabases.create(kind, "reports-drop"), work)
                .property("sisbridge.reports.enabled", false)) {
            SisbridgeAgent agent = fixture.start();
            ReportsFlowStatistics statistics = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            ReportCatalog catalog = fixture.simulator.reports();
            ReportCatalog.Entry day = catalog.find("111", "111-DAILY-2024-01-01").orElseThrow();
            long listedRows = catalog.fingerprint(day).rows();

            drop(work, inbox, "111-DAILY-2024-01-01.csv", out -> catalog.write(day, out));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve("done/111-DAILY-2024-01-01.csv")));
            var load = fixture.db().rows("SELECT * FROM sisbridge_report_load").get(0);
            assertThat(load.get("report_id")).isEqualTo("111-DAILY-2024-01-01");
            assertThat(load.get("sha256")).isEqualTo(catalog.fingerprint(day).sha256());
            assertThat(load.get("source")).isEqualTo("drop");
            long loaded = ((Number) load.get("rows_loaded")).longValue();
            long rejected = ((Number) load.get("rows_rejected")).longValue();
            assertThat(loaded + rejected).isEqualTo(listedRows);
            assertThat(rejected).isPositive();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(loaded);

            drop(work, inbox, "not-a-report.csv", out -> out.write("name,amount\nfoo,1\n".getBytes(StandardCharsets.UTF_8)));
            // the reason is written while the file is handled, the file moves when the handling ends
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve("error/not-a-report.csv.reason"))
                    && Files.exists(inbox.resolve("error/not-a-report.csv")));
            assertThat(Files.readString(inbox.resolve("error/not-a-report.csv.reason")))
                    .contains("not-a-report").contains("mandatory column");

            // a report opened and saved as a workbook: before, the folder did not take the name and it sat there unseen
            drop(work, inbox, "111-DAILY-2024-01-02.xlsx", out -> {
                try (org.apache.poi.xssf.usermodel.XSSFWorkbook saved = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
                    saved.createSheet("111-DAILY-2024-01-02").createRow(0).createCell(0).setCellValue("mis_code");
                    saved.write(out);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve("error/111-DAILY-2024-01-02.xlsx.reason"))
                    && Files.exists(inbox.resolve("error/111-DAILY-2024-01-02.xlsx")));
            assertThat(Files.readString(inbox.resolve("error/111-DAILY-2024-01-02.xlsx.reason")))
                    .contains("111-DAILY-2024-01-02 was not loaded").contains(ReportDropFolder.SPREADSHEET_COPY);

            // the same bytes again, once under the same name and once under another: nothing new loads
            drop(work, inbox, "111-DAILY-2024-01-01.csv", out -> catalog.write(day, out));
            drop(work, inbox, "copy-from-email.csv", out -> catalog.write(day, out));
            await().atMost(Duration.ofSeconds(60)).until(() -> statistics.snapshot().alreadyLoaded() == 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve("done/111-DAILY-2024-01-01-1.csv"))
                    && Files.exists(inbox.resolve("done/copy-from-email.csv")));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load")).isEqualTo(1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(loaded);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject")).isEqualTo(rejected);
            assertThat(statistics.snapshot().loaded()).isEqualTo(1);
            assertThat(statistics.snapshot().refused()).isEqualTo(2);
        }
    }

    interface Content {
        void writeTo(OutputStream out) throws Exception;
    }

    /** Written beside the inbox, then moved in at once, as a careful delivery would. */
    private static void drop(Path work, Path inbox, String name, Content content) throws Exception {
        Files.createDirectories(inbox);
        Path staged = work.resolve("staging-" + name);
        try (OutputStream out = Files.newOutputStream(staged)) {
            content.writeTo(out);
        }
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
