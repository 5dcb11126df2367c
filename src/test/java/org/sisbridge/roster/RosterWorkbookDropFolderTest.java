package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Issue 13, section 2: a workbook made as staff make one, dropped in the roster inbox, loads like a
 * CSV (dates as Excel dates and as text, leading zeros kept, formulas by their result, accented names
 * stored exactly), and its results come back as a CSV and as a workbook whose cells are all text.
 * Section 3 on the same path: an internationalized domain is created, a trailing no-break space is
 * trimmed, the dotted address is refused with what is wrong.
 */
class RosterWorkbookDropFolderTest {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(value = DatabaseKind.class, names = {"H2", "POSTGRESQL"})
    void aWorkbookRosterLoadsLikeACsvAndItsResultsComeBackAsAWorkbook(DatabaseKind kind) throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        TestDatabase database = TestDatabases.create(kind, "roster-xlsx");
        try (AgentFixture fixture = RosterFixtures.withFolders(database, dir)) {
            fixture.start();
            Path made = new RosterWorkbooks()
                    .row(1).texts("Local ID", "First Name", "Last Name", "Birth Date", "E-mail", "Postal Code")
                    .row(2).text(0, "00123").text(1, "José").text(2, "Peña").date(3, LocalDate.of(1999, 2, 3))
                            .text(4, "jose.pena@college.example.edu").zeroPadded(5, 2134)
                    .row(3).zeroPadded(0, 124).text(1, "Zoë").text(2, "O’Brien-Núñez").text(3, "4/30/2001")
                            .text(4, "zoe@bücher.de").text(5, "02134")
                    .row(5).text(0, "=1+2").formula(1, "CONCATENATE(\"An\",\"a\")").formula(2, "PROPER(\"lópez\")")
                            .text(3, "2001-01-01").text(4, "ana.lopez@college.example.edu\u00A0")
                    .row(6).text(0, "W6").text(1, "Ana").text(2, "Dots").text(3, "2001-01-01")
                            .text(4, ".ana..lopez.@example.edu")
                    .row(7).text(0, "W7").text(1, "Wide").text(2, "Row").text(3, "2001-01-01")
                            .text(4, "w7@college.example.edu").text(7, "a note past the header")
                    .write(dir.resolve("made/fall-roster.xlsx"));
            Files.createDirectories(dir.resolve("inbox"));
            Files.move(made, dir.resolve("inbox/fall-roster.xlsx"));

            Path resultsCsv = dir.resolve("outbox/fall-roster-results.csv");
            Path resultsXlsx = dir.resolve("outbox/fall-roster-results.xlsx");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(resultsXlsx));

            Map<String, Map<String, Object>> stored = new HashMap<>();
            for (Map<String, Object> r : fixture.db().rows("SELECT local_id, first_name, last_name, birth_date, email,"
                    + " postal_code, status, reason_code, source_line FROM cccid_request")) {
                stored.put((String) r.get("local_id"), r);
            }
            assertThat(stored.get("00123")).containsEntry("first_name", "José").containsEntry("last_name", "Peña")
                    .containsEntry("postal_code", "02134").containsEntry("status", "DONE");
            assertThat(String.valueOf(stored.get("00123").get("birth_date"))).startsWith("1999-02-03");
            assertThat(stored.get("00124")).containsEntry("first_name", "Zoë").containsEntry("last_name", "O’Brien-Núñez")
                    .containsEntry("email", "zoe@bücher.de").containsEntry("status", "DONE");
            assertThat(String.valueOf(stored.get("00124").get("birth_date"))).startsWith("2001-04-30");
            assertThat(stored.get("=1+2")).containsEntry("first_name", "Ana").containsEntry("last_name", "López")
                    .containsEntry("email", "ana.lopez@college.example.edu").containsEntry("status", "DONE");
            assertThat(stored.get("W6")).containsEntry("status", "REJECTED").containsEntry("reason_code", "INVALID_EMAIL");
            assertThat(stored).doesNotContainKey("W7");
            assertThat(((Number) stored.get("00124").get("source_line")).longValue()).isEqualTo(3);

            // the CSV and the workbook say the same, cell for cell, and no cell of the workbook is a formula
            List<List<String>> fromWorkbook = readWorkbook(resultsXlsx);
            List<String> csvLines = Files.readAllLines(resultsCsv);
            assertThat(fromWorkbook).hasSize(csvLines.size());
            assertThat(fromWorkbook.get(0)).containsExactly("line", "local_id", "outcome", "cccid", "matched_on", "reason");
            Map<String, List<String>> byLocalId = new HashMap<>();
            fromWorkbook.forEach(r -> byLocalId.put(r.size() > 1 ? r.get(1) : "", r));
            assertThat(byLocalId.get("00123").get(2)).isEqualTo("CREATED");
            assertThat(byLocalId.get("00123").get(3)).matches("[A-HJ-NP-Z]{3}[0-9]{4}");
            assertThat(byLocalId.get("'=1+2").get(2)).as("a formula-like local id is neutralized as in the CSV").isEqualTo("CREATED");
            assertThat(byLocalId.get("W6").get(5)).contains("dot");
            assertThat(fromWorkbook).anySatisfy(r -> assertThat(r).contains("7", "UNREADABLE"));
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        }
    }

    @org.junit.jupiter.api.Test
    void aRosterSavedAsStrictOpenXmlLoadsLikeAnyWorkbook() throws Exception {
        // before: moved to error/ with "saved as a Strict Open XML Spreadsheet, which is not read", the staff member
        // sent back to Excel to save it again
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.withFolders(TestDatabase.h2File("roster-strict"), dir)) {
            fixture.start();
            Path made = new RosterWorkbooks()
                    .row(1).texts("Local ID", "First Name", "Last Name", "Birth Date", "E-mail", "Postal Code")
                    .row(2).text(0, "00123").text(1, "José").text(2, "Peña").date(3, LocalDate.of(1999, 2, 3))
                            .text(4, "jose.pena@college.example.edu").zeroPadded(5, 2134)
                    .row(3).text(0, "S2").text(1, "Zoë").text(2, "Núñez").isoDate(3, "2004-07-15T00:00:00")
                            .text(4, "zoe.nunez@college.example.edu").text(5, "95814")
                    .writeStrict(dir.resolve("made/strict-roster.xlsx"));
            Files.createDirectories(dir.resolve("inbox"));
            Files.move(made, dir.resolve("inbox/strict-roster.xlsx"));

            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("outbox/strict-roster-results.xlsx")));
            Map<String, Map<String, Object>> stored = new HashMap<>();
            for (Map<String, Object> r : fixture.db().rows("SELECT local_id, first_name, last_name, birth_date, postal_code,"
                    + " status FROM cccid_request")) {
                stored.put((String) r.get("local_id"), r);
            }
            assertThat(stored).containsOnlyKeys("00123", "S2");
            assertThat(stored.get("00123")).containsEntry("first_name", "José").containsEntry("postal_code", "02134")
                    .containsEntry("status", "DONE");
            assertThat(String.valueOf(stored.get("00123").get("birth_date"))).startsWith("1999-02-03");
            assertThat(stored.get("S2")).containsEntry("last_name", "Núñez").containsEntry("status", "DONE");
            assertThat(String.valueOf(stored.get("S2").get("birth_date"))).startsWith("2004-07-15");
            assertThat(dir.resolve("inbox/error")).satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
        }
    }

    @org.junit.jupiter.api.Test
    void anOldXlsWorkbookMovesToErrorSayingHowToSaveIt() throws Exception {
        String reason = droppedAndMovedToError("old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3});
        assertThat(reason).contains(".xlsx");
    }

    @org.junit.jupiter.api.Test
    void aLibreOfficeSpreadsheetMovesToErrorSayingHowToSaveIt() throws Exception {
        // before: the folder did not take .ods (nor .xlsb or .numbers), so the file sat in the inbox unseen for good
        String reason = droppedAndMovedToError("fall.ods", new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThat(reason).contains("OpenDocument spreadsheet (.ods").contains("save it as Excel Workbook (.xlsx) or as CSV UTF-8");
    }

    @org.junit.jupiter.api.Test
    void aWorkbookSavedWithAPasswordMovesToErrorAtOnceSayingToRemoveThePassword() throws Exception {
        // a real one, saved by Excel with a password to open (from Apache POI's corpus: src/test/resources/workbooks)
        byte[] encrypted;
        try (InputStream in = RosterWorkbookDropFolderTest.class.getResourceAsStream("/workbooks/password-to-open.xlsx")) {
            encrypted = in.readAllBytes();
        }
        String reason = droppedAndMovedToError("fall.xlsx", encrypted);
        assertThat(reason).contains("saved with a password to open").contains("remove the password");
    }

    /**
     * Drops the file in a running agent's roster inbox (written beside it, then moved in, as a copy finishes) and
     * waits for it and its .reason in error/, in less time than the unfinished wait: a file held back as a copy
     * still under way fails the wait. Nothing enters the outbox.
     *
     * @return the .reason file's text
     */
    private static String droppedAndMovedToError(String name, byte[] content) throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.withFolders(TestDatabase.h2File("roster-refused"), dir)
                .property("sisbridge.roster.inbox-unfinished-wait-ms", 300_000)) {
            fixture.start();
            Files.createDirectories(dir.resolve("inbox"));
            Files.write(dir.resolve(name + ".part"), content);
            Files.move(dir.resolve(name + ".part"), dir.resolve("inbox").resolve(name));
            Path reason = dir.resolve("inbox/error").resolve(name + ".reason");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(reason) && Files.exists(dir.resolve("inbox/error").resolve(name)));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request")).isZero();
            return Files.readString(reason);
        }
    }

    /** Every row's cells as text; fails on a cell that is not a text cell. */
    private static List<List<String>> readWorkbook(Path file) throws Exception {
        List<List<String>> rows = new java.util.ArrayList<>();
        DataFormatter shown = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new java.util.ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    Cell cell = row.getCell(i);
                    if (cell != null) {
                        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                    }
                    cells.add(cell == null ? "" : shown.formatCellValue(cell));
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
