package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/**
 * One roster saved by LibreOffice Calc 7.4 in every format staff may drop (src/test/resources/spreadsheets/libreoffice,
 * made by its make.py), all dropped in one agent's inbox: the workbook loads whole, as the sheet shows it; the CSVs
 * load but for what LibreOffice itself lost, each refused with a reason staff can act on (a date cell written with a
 * two-digit year, letters windows-1252 lacks written as '?'); the .ods and .xls move to error/ saying how to save them.
 */
class RosterLibreOfficeFilesTest {

    private static final String FOLDER = "/spreadsheets/libreoffice/";

    @Test
    void everyFormatLibreOfficeSavesLoadsOrIsRefusedWithAReason() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.withFolders(TestDatabase.h2File("roster-libreoffice"), dir)) {
            fixture.start();
            Files.createDirectories(dir.resolve("inbox"));
            for (String name : List.of("roster.xlsx", "roster-utf8.csv", "roster-windows-1252.csv", "roster-utf16.txt",
                    "roster.ods", "roster.xls")) {
                try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(FOLDER + name), name)) {
                    Files.copy(in, dir.resolve(name + ".part"));
                }
                Files.move(dir.resolve(name + ".part"), dir.resolve("inbox").resolve(name));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.db().count("SELECT COUNT(*) FROM cccid_roster_file") == 4
                    && Files.exists(dir.resolve("inbox/error/roster.ods.reason")) && Files.exists(dir.resolve("inbox/error/roster.xls.reason")));
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(60));

            Map<String, String> outcome = fixture.db().rows("SELECT local_id, status, reason_code FROM cccid_request").stream()
                    .collect(Collectors.toMap(r -> (String) r.get("local_id"), r -> r.get("status") + " " + r.get("reason_code")));
            // the workbook: a date cell is its date, leading zeros stay (text, or a number shown 00000), a formula counts
            // by its result, a 12-digit number is read in full, every letter is kept
            assertThat(outcome).containsEntry("00101", "DONE null").containsEntry("00102", "DONE null")
                    .containsEntry("00103", "DONE null").containsEntry("123456789012", "DONE null");
            assertThat(row(fixture, "00101")).containsEntry("first_name", "José").containsEntry("last_name", "Peña")
                    .containsEntry("postal_code", "02134");
            assertThat(String.valueOf(row(fixture, "00101").get("birth_date"))).startsWith("1999-02-03");
            assertThat(String.valueOf(row(fixture, "123456789012").get("birth_date"))).startsWith("1994-03-01");
            assertThat(fixture.simulator.accounts().namesCreated("111", "00103")).isEqualTo(Arrays.asList("Ana", null, "Łukasz-Dương"));
            // (Zoë O’Brien-Núñez is in every file with one birth date: upstream creates her once and finds her after)
            assertThat(row(fixture, "00102")).containsEntry("first_name", "Zoë").containsEntry("last_name", "O’Brien-Núñez");

            // the CSVs, as LibreOffice writes a date cell (MM/DD/YY): refused, never given a guessed century; a date
            // typed as text with its four digits loads, and so do the names of every encoding
            for (String csv : List.of("002", "003", "004")) {
                assertThat(outcome).containsEntry(csv + "02", "DONE null");
                assertThat(row(fixture, csv + "02")).as(csv).containsEntry("first_name", "Zoë")
                        .containsEntry("last_name", "O’Brien-Núñez");
                assertThat(outcome).containsEntry(csv + "01", "REJECTED INVALID_BIRTH_DATE");
                assertThat((String) row(fixture, csv + "01").get("status_reason")).contains("two-digit year");
            }
            // windows-1252 has no Ł or ư: LibreOffice wrote '?' for them, and that name is refused, not created
            assertThat(outcome).containsEntry("00303", "REJECTED UNUSABLE_CHARACTER");
            assertThat(fixture.simulator.accounts().accountsCreated("111", "00303")).isZero();
            assertThat(fixture.db().rows("SELECT file_name, encoding FROM cccid_roster_file ORDER BY file_name"))
                    .extracting(r -> r.get("file_name") + " " + r.get("encoding"))
                    .contains("roster-utf8.csv UTF-8", "roster-windows-1252.csv windows-1252", "roster-utf16.txt UTF-16LE BOM");

            // each file's results under its own name, whatever its kind (before: roster-utf16.txt-results.csv)
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("outbox/roster-utf16-results.csv"))
                    && Files.exists(dir.resolve("outbox/roster-results.xlsx")));
            assertThat(Files.readString(dir.resolve("inbox/error/roster.ods.reason"))).contains("OpenDocument spreadsheet");
            assertThat(Files.readString(dir.resolve("inbox/error/roster.xls.reason"))).contains("Excel 97-2003");
        }
    }

    private static Map<String, Object> row(AgentFixture fixture, String localId) throws Exception {
        List<Map<String, Object>> rows = fixture.db().rows("SELECT first_name, last_name, birth_date, postal_code, status_reason"
                + " FROM cccid_request WHERE local_id = '" + localId + "'");
        assertThat(rows).as(localId).hasSize(1);
        return rows.get(0);
    }
}
