package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.AgentFixture;

/** A workbook's first sheet read as roster records: what each kind of cell becomes, and the limits. */
class WorkbookRosterRecordsTest {

    private final Path dir = AgentFixture.HOME.resolve("target/test-workbooks/" + UUID.randomUUID());

    @Test
    void cellsReadAsTheSheetShowsThemWithDatesInIsoForm() throws Exception {
        Path file = new RosterWorkbooks()
                .row(1).texts("Local ID", "First Name", "Last Name", "Birth Date", "E-mail", "Postal Code")
                .row(2).text(0, "00123").text(1, "José").text(2, "Peña").date(3, LocalDate.of(1999, 2, 3))
                        .text(4, "jose@example.edu").zeroPadded(5, 2134)
                .row(4).zeroPadded(0, 124).text(1, "Zoë").text(2, "O’Brien").text(3, "4/30/2001")
                        .text(4, "zoe@bücher.de").text(5, "02134")
                .row(5).text(0, "W3").formula(1, "CONCATENATE(\"An\",\"a\")").formula(2, "UPPER(\"lopez\")")
                        .text(3, "2001-01-01").text(4, "=1+2").text(6, "past the header")
                .row(6).texts("", "", "")
                .row(7).number(0, 123456789012d).text(1, "Long").text(2, "Id").number(3, 36000).text(5, "95814")
                .write(dir.resolve("roster.xlsx"));
        List<RosterCsvReader.Record> records = readAll(file, WorkbookLimits.DEFAULTS);

        assertThat(records).extracting(RosterCsvReader.Record::line).containsExactly(1L, 2L, 4L, 5L, 7L);
        // a 12-digit id typed as a number: in full, not 1.23457E+11; a General number is no date
        assertThat(records.get(4).fields()).containsExactly("123456789012", "Long", "Id", "36000", "", "95814");
        assertThat(records.get(1).fields()).containsExactly("00123", "José", "Peña", "1999-02-03", "jose@example.edu", "02134");
        assertThat(records.get(2).fields()).containsExactly("00124", "Zoë", "O’Brien", "4/30/2001", "zoe@bücher.de", "02134");
        // a formula gives its computed result, never its text; a value past the header's last column makes the row too wide
        assertThat(records.get(3).fields()).containsExactly("W3", "Ana", "LOPEZ", "2001-01-01", "=1+2", "", "past the header");
        assertThat(records.get(3).raw()).isEqualTo("W3,Ana,LOPEZ,2001-01-01,=1+2,,past the header");
        assertThat(records.get(1).raw()).isEqualTo("00123,José,Peña,1999-02-03,jose@example.edu,02134");
    }

    @Test
    void aRowOfNothingButSpacesIsSkippedLikeAnEmptyRow() throws Exception {
        Path file = new RosterWorkbooks()
                .row(1).texts(" ", "\u00A0")
                .row(2).texts("local_id", "first_name")
                .row(3).texts("  ", "", "\u00A0")
                .row(4).texts("S1", "Ana", " ")
                .write(dir.resolve("spaces.xlsx"));
        List<RosterCsvReader.Record> records = readAll(file, WorkbookLimits.DEFAULTS);

        assertThat(records).extracting(RosterCsvReader.Record::line).containsExactly(2L, 4L);
        assertThat(records.get(0).fields()).containsExactly("local_id", "first_name");
        assertThat(records.get(1).fields()).containsExactly("S1", "Ana");
    }

    @Test
    void aRowLongerThanTheRecordCapIsTooLongNotHeld() throws Exception {
        Path file = new RosterWorkbooks().row(1).texts("local_id", "first_name").row(2).texts("S1", "x".repeat(3000))
                .row(3).texts("S2", "Ana").write(dir.resolve("long.xlsx"));
        List<RosterCsvReader.Record> records = new ArrayList<>();
        try (WorkbookRosterRecords workbook = WorkbookRosterRecords.open(file, 1024, WorkbookLimits.DEFAULTS)) {
            for (RosterCsvReader.Record r = workbook.next(); r != null; r = workbook.next()) {
                records.add(r);
            }
        }
        assertThat(records.get(1).tooLong()).isTrue();
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(2).fields()).containsExactly("S2", "Ana");
    }

    @Test
    void closingBeforeTheEndStopsTheSheetsParser() throws Exception {
        RosterWorkbooks rows = new RosterWorkbooks();
        for (int i = 1; i <= 2000; i++) {
            rows.row(i).texts("S" + i, "Ana");
        }
        Path file = rows.write(dir.resolve("closed-early.xlsx"));
        try (WorkbookRosterRecords workbook = WorkbookRosterRecords.open(file, 65536, WorkbookLimits.DEFAULTS)) {
            assertThat(workbook.next().fields()).containsExactly("S1", "Ana");
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces()
                .keySet().stream().noneMatch(t -> t.getName().equals("roster-workbook-reader") && t.isAlive()));
    }

    @Test
    void sharedStringsPastTheirCapRefuseTheWorkbookNamingTheKey() throws Exception {
        RosterWorkbooks many = new RosterWorkbooks();
        for (int i = 1; i <= 200; i++) {
            many.row(i).texts("distinct text number " + i);
        }
        Path file = many.write(dir.resolve("strings.xlsx"));
        assertThatThrownBy(() -> readAll(file, new WorkbookLimits(WorkbookLimits.DEFAULTS.maxPartBytes(), 2048)))
                .hasMessageContaining("sisbridge.roster.workbook-max-shared-strings-bytes");
    }

    @Test
    void aPartPastTheEntryCapIsRefused() throws Exception {
        RosterWorkbooks big = new RosterWorkbooks();
        for (int i = 1; i <= 20_000; i++) {
            big.row(i).zeroPadded(0, i).zeroPadded(1, i);
        }
        Path file = big.write(dir.resolve("big.xlsx"));
        assertThatThrownBy(() -> readAll(file, new WorkbookLimits(1024 * 1024, WorkbookLimits.DEFAULTS.maxSharedStringsBytes())))
                .hasMessageContaining("sheet").hasMessageContaining("sisbridge.roster.workbook-max-part-bytes");
    }

    @Test
    void aFileThatIsNoWorkbookIsRefusedWithAReason() throws Exception {
        Path file = dir.resolve("not-really.xlsx");
        Files.createDirectories(dir);
        Files.writeString(file, "local_id,first_name\nS1,Ana\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> readAll(file, WorkbookLimits.DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an Excel workbook");
    }

    /*
     * Files real spreadsheet programs write under an .xlsx name that are still no workbook the agent reads: each is
     * refused with the step that fixes it, never with POI's own words or exception. The three files come from Apache
     * POI's test corpus (src/test/resources/workbooks/SOURCE.md).
     */

    @Test
    void aWorkbookSavedWithAPasswordToOpenIsRefusedSayingToRemoveThePassword() throws Exception {
        // before: "it has no zip end record, so it is cut off (a copy that did not finish)", which sends staff the wrong way
        assertThatThrownBy(() -> readAll(corpus("password-to-open.xlsx"), WorkbookLimits.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("it is a workbook saved with a password to open")
                .hasMessageContaining("remove the password").hasMessageNotContaining("cut off");
    }

    @Test
    void anExcel97WorkbookRenamedXlsxIsRefusedSayingHowToSaveIt() throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("renamed.xlsx");
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook old = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(file)) {
            old.createSheet("Roster").createRow(0).createCell(0).setCellValue("local_id");
            old.write(out);
        }
        assertThatThrownBy(() -> readAll(file, WorkbookLimits.DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("it is an Excel 97-2003 workbook (.xls) with an .xlsx name")
                .hasMessageContaining("save it as Excel Workbook (.xlsx) or as CSV UTF-8");
    }

    @Test
    void aStrictOpenXmlWorkbookSavedByExcelIsReadLikeAnyOther() throws Exception {
        // before: refused ("saved as a Strict Open XML Spreadsheet, which is not read"), as POI's event reader finds
        // none of its parts and would read its sheet as empty. Saved so by Excel (Apache POI's SimpleStrict.xlsx):
        // its first sheet holds two shared strings in A1:A2 and the numbers 1 to 6 in C1:C6
        assertThat(readAll(corpus("strict-open-xml.xlsx"), WorkbookLimits.DEFAULTS)).extracting(RosterCsvReader.Record::fields)
                .containsExactly(List.of("test", "", "1"), List.of("test 2", "", "2"), List.of("", "", "3"),
                        List.of("", "", "4"), List.of("", "", "5"), List.of("", "", "6"));
    }

    @Test
    void aGnumericWorkbookOfInlineStringsReadsLikeExcels() throws Exception {
        // saved by Gnumeric (src/test/resources/spreadsheets/gnumeric): every text an inline string, no shared strings
        Path file = resource("/spreadsheets/gnumeric/roster.xlsx");
        assertThat(readAll(file, WorkbookLimits.DEFAULTS)).extracting(RosterCsvReader.Record::fields).containsExactly(
                List.of("Local ID", "First Name", "Last Name", "Birth Date", "E-mail", "Postal Code"),
                List.of("00501", "José", "Peña", "1999-02-03", "jose.pena5@college.example.edu", "02134"),
                List.of("00502", "Zoë", "O’Brien-Núñez", "4/30/2001", "zoe5@bücher.de", "95814"),
                List.of("00503", "Ana", "Łukasz-Dương", "2001-01-01", "ana5@college.example.edu", "95814"),
                List.of("523456789012", "Long", "Id", "1994-03-01", "long.id5@college.example.edu", "95814-1234"));
    }

    @Test
    void aStrictRosterKeepsItsDatesLeadingZerosAndFormulaResults() throws Exception {
        Path file = new RosterWorkbooks()
                .row(1).texts("Local ID", "First Name", "Last Name", "Birth Date", "Postal Code")
                .row(2).text(0, "00123").text(1, "José").text(2, "Peña").date(3, LocalDate.of(1999, 2, 3)).zeroPadded(4, 2134)
                .row(3).zeroPadded(0, 124).formula(1, "CONCATENATE(\"An\",\"a\")").text(2, "Zoë")
                        .isoDate(3, "2004-07-15T00:00:00").text(4, "95814")
                .writeStrict(dir.resolve("strict-roster.xlsx"));
        assertThat(readAll(file, WorkbookLimits.DEFAULTS)).extracting(RosterCsvReader.Record::fields).containsExactly(
                List.of("Local ID", "First Name", "Last Name", "Birth Date", "Postal Code"),
                List.of("00123", "José", "Peña", "1999-02-03", "02134"),
                List.of("00124", "Ana", "Zoë", "2004-07-15", "95814"));
    }

    @Test
    void aStrictWorkbookWithoutItsSheetOrListingNoneIsRefusedWithAReason() throws Exception {
        Path lost = new RosterWorkbooks().row(1).texts("local_id").writeStrict(dir.resolve("strict-sheet-lost.xlsx"));
        RosterWorkbooks.rewrite(lost, xml -> xml.replace("Target=\"worksheets/sheet1.xml\"", "Target=\"worksheets/gone.xml\""));
        assertThatThrownBy(() -> readAll(lost, WorkbookLimits.DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the workbook could not be read: its first sheet's part (rId3) is missing");
        Path none = new RosterWorkbooks().row(1).texts("local_id").writeStrict(dir.resolve("strict-no-sheet.xlsx"));
        RosterWorkbooks.rewrite(none, xml -> xml.replaceAll("<sheets>.*</sheets>", "<sheets/>"));
        assertThatThrownBy(() -> readAll(none, WorkbookLimits.DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the workbook could not be read: it lists no sheet");
    }

    @Test
    void anIsoDateCellIsReadAsItsDay() throws Exception {
        // before: the cell's text as stored, "2004-07-15T00:00:00" (POI fails to read it as a number and logs that
        // it keeps the raw value), which the roster's birth date check refuses: the student was rejected for a
        // date the sheet shows as 7/15/04
        Path file = new RosterWorkbooks()
                .row(1).texts("local_id", "birth_date")
                .row(2).text(0, "S1").isoDate(1, "2004-07-15T00:00:00")
                .row(3).text(0, "S2").isoDate(1, "2004-07-15")
                .row(4).text(0, "S3").isoDate(1, "2004-07-15T00:00:00.000Z")
                .row(5).text(0, "S4").isoDate(1, "2004-07-15T13:30:00")
                .write(dir.resolve("iso-dates.xlsx"));
        assertThat(readAll(file, WorkbookLimits.DEFAULTS)).extracting(RosterCsvReader.Record::fields).containsExactly(
                List.of("local_id", "birth_date"), List.of("S1", "2004-07-15"), List.of("S2", "2004-07-15"),
                List.of("S3", "2004-07-15"),
                // a time of day is no birth date: passed on as written, for the roster's check to refuse with its reason
                List.of("S4", "2004-07-15T13:30:00"));
    }

    @Test
    void aWorkbookMissingItsSheetsPartIsRefusedNotThrownAsPoisOwnException() throws Exception {
        // before: POIXMLException ("Failed to find sheet package for sheetId=rId1") escaped the reader
        assertThatThrownBy(() -> readAll(corpus("sheet-part-missing.xlsx"), WorkbookLimits.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the workbook could not be read: ");
    }

    @Test
    void aMacroEnabledWorkbookIsReadLikeAnyOtherAndTheOtherSpreadsheetKindsAreRefusedByName() throws Exception {
        // .xlsm is the same Office Open XML workbook with a macro part, which POI never runs; before, the drop folder
        // did not even take the name
        Path file = new RosterWorkbooks().row(1).texts("local_id", "first_name").row(2).texts("S1", "Ana")
                .write(dir.resolve("with-macros.xlsm"));
        assertThat(readAll(file, WorkbookLimits.DEFAULTS)).extracting(RosterCsvReader.Record::fields)
                .containsExactly(List.of("local_id", "first_name"), List.of("S1", "Ana"));
        assertThat(WorkbookRosterRecords.isWorkbook("Fall.XLSM")).isTrue();
        for (String name : List.of("fall.ods", "fall.xlsb", "fall.numbers", "fall.xls")) {
            assertThat(WorkbookRosterRecords.isWorkbook(name)).as(name).isTrue();
            Path other = dir.resolve(name);
            Files.write(other, new byte[] {'P', 'K', 3, 4});
            assertThatThrownBy(() -> readAll(other, WorkbookLimits.DEFAULTS)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("is not read: save it as Excel Workbook (.xlsx) or as CSV UTF-8 and drop it again");
        }
        assertThat(WorkbookRosterRecords.isWorkbook("notes.doc")).isFalse();
    }

    /** A copy of a file of src/test/resources/workbooks in this test's folder, as a drop would leave it. */
    private Path corpus(String name) throws Exception {
        return resource("/workbooks/" + name);
    }

    /** A copy of a test resource in this test's folder. */
    private Path resource(String path) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(Path.of(path).getFileName().toString());
        try (java.io.InputStream in = WorkbookRosterRecordsTest.class.getResourceAsStream(path)) {
            Files.copy(java.util.Objects.requireNonNull(in, path), file);
        }
        return file;
    }

    private static List<RosterCsvReader.Record> readAll(Path file, WorkbookLimits limits) throws Exception {
        List<RosterCsvReader.Record> records = new ArrayList<>();
        try (WorkbookRosterRecords workbook = WorkbookRosterRecords.open(file, 65536, limits)) {
            for (RosterCsvReader.Record r = workbook.next(); r != null; r = workbook.next()) {
                records.add(r);
            }
        }
        return records;
    }
}
