package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A roster as spreadsheet programs save it (the audit's Excel, Gnumeric and LibreOffice files):
 * formatted empty rows, rows short of their trailing empty cells, a date cell with a midnight time,
 * a long id in scientific notation, '?' for letters windows-1252 lacks. Each row is what staff meant:
 * a student, a student rejected with a reason that says what to fix, or nothing at all.
 */
class RosterSpreadsheetRowsTest {

    private static final String HEADER = "local_id,first_name,middle_name,last_name,birth_date,email,phone,postal_code";

    @TempDir
    Path folder;

    @Test
    void eachRowOfASpreadsheetsCsvIsWhatStaffMeant() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "roster-spreadsheet-rows");
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        String roster = String.join("\r\n",
                HEADER,
                "Q1,Nguy?n,,Lopez,1/5/2000,q1@example.edu,,",          // 2: a letter windows-1252 lacks
                "1.23457E+11,Ben,,Kim,1/5/2000,q2@example.edu,,",      // 3: a 12-digit id Excel shortened
                ",,,,,,,",                                             // 4: a formatted, empty row
                "\" \",,, ,,,,\u00A0",                                 // 5: and one of spaces
                "Q4,Ana,,Short,1/5/2000,q4@example.edu",               // 6: trailing empty cells left out
                "Q5,Eve,,Fox,2000-01-05 00:00:00,q5@example.edu,,",    // 7: a date cell formatted with a time
                "Q6,Gus,,Hall,2000/01/05,q6@example.edu,,,",           // 8: yyyy/MM/dd, and a blank extra field
                "Q7,Ida,,Wide,2000/01/05,q7@example.edu,,,extra",      // 9: a value past the header: unreadable
                "Q8,Joe,,Late,2000-01-05 12:00:00,q8@example.edu,,",   // 10: a time of day is no birth date
                ",,,,,,,") + "\r\n";
        Path file = folder.resolve("fall.csv");
        Files.writeString(file, roster, StandardCharsets.UTF_8);

        long entered = loader(database).load(file.toFile(), "fall.csv");

        Map<String, List<Object>> students = new LinkedHashMap<>();
        for (Map<String, Object> row : database.queries().rows("SELECT local_id, status, reason_code, source_line, birth_date,"
                + " status_reason FROM cccid_request ORDER BY source_line")) {
            students.put((String) row.get("local_id"), List.of(row.get("status"), String.valueOf(row.get("reason_code")),
                    ((Number) row.get("source_line")).longValue()));
        }
        assertThat(students).containsExactly(
                Map.entry("Q1", List.of("REJECTED", "UNUSABLE_CHARACTER", 2L)),
                Map.entry("1.23457E+11", List.of("REJECTED", "INVALID_LOCAL_ID", 3L)),
                Map.entry("Q4", List.of("PENDING", "null", 6L)),
                Map.entry("Q5", List.of("PENDING", "null", 7L)),
                Map.entry("Q6", List.of("PENDING", "null", 8L)),
                Map.entry("Q8", List.of("REJECTED", "INVALID_BIRTH_DATE", 10L)));
        assertThat(entered).isEqualTo(6);
        assertThat(database.queries().column("SELECT birth_date FROM cccid_request WHERE local_id IN ('Q5', 'Q6')"))
                .extracting(d -> ((java.sql.Date) d).toLocalDate()).containsOnly(LocalDate.of(2000, 1, 5));
        assertThat(database.queries().single("SELECT status_reason FROM cccid_request WHERE local_id = 'Q1'").toString())
                .contains("first_name holds '?'", "CSV UTF-8");
        assertThat(database.queries().single("SELECT status_reason FROM cccid_request WHERE local_id = 'Q8'").toString())
                .contains("YYYY/MM/DD").doesNotContain("12:00");
        // the empty rows are neither students nor rejects; only the row with a value past the header is unreadable
        assertThat(database.queries().rows("SELECT line_number, reason_code FROM sisbridge_reject WHERE source = 'roster-file'"))
                .extracting(r -> ((Number) r.get("line_number")).longValue() + " " + r.get("reason_code"))
                .containsExactly("9 UNREADABLE_ROSTER_LINE");
    }

    @Test
    void aEuropeanExcelsIdInScientificNotationIsRefusedToo() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "roster-spreadsheet-rows-semicolon");
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        Path file = folder.resolve("herbst.csv");
        Files.writeString(file, HEADER.replace(',', ';') + "\r\n1,23457E+11;Ben;;Kim;1/5/2000;q2@example.edu;;\r\n;;;;;;;\r\n",
                StandardCharsets.UTF_8);

        assertThat(loader(database).load(file.toFile(), "herbst.csv")).isEqualTo(1);
        assertThat(database.queries().single("SELECT reason_code FROM cccid_request")).isEqualTo("INVALID_LOCAL_ID");
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
    }

    private RosterFileLoader loader(TestDatabase database) {
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        return new RosterFileLoader(database.dataSource(), new CccidRequestTable("cccid_request"),
                new RosterFileTable("cccid_roster_file", "cccid_request"), new RosterValidator(clock, 13, 110, true),
                new RejectWriter("sisbridge_reject", clock), Set.of("111"), true, 3, clock,
                new RosterFileFailure(folder), 64 * 1024);
    }
}
