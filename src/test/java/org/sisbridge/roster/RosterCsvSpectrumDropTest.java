package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The quoting of every csv-spectrum case (https://github.com/max-mapper/csv-spectrum, BSD-2-Clause;
 * the corpus itself is read in {@link CsvSpectrumTest}) in one roster file dropped in the inbox, with
 * a BOM and mixed CRLF / LF / CR line ends, through to the simulator: each student arrives as the
 * corpus says the cell reads, and a cell a name cannot hold (a line break, a stray quote) is
 * refused with its reason.
 */
class RosterCsvSpectrumDropTest {

    static Stream<DatabaseKind> databases() {
        return Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("databases")
    void eachSpectrumCaseInARosterArrivesAsTheCorpusReadsIt(DatabaseKind kind) throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabases.create(kind, "roster-spectrum"))
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            String roster = "\uFEFFlocal_id,first_name,middle_name,last_name,birth_date,email\r\n"
                    + "P1,Ana,,Simple,2001-01-01,p1@college.example.edu\r\n"                      // simple, simple_crlf
                    + "P2,Ana,\"\",\"Lopez, Jr.\",2001-01-02,p2@college.example.edu\n"            // comma_in_quotes, empty
                    + "P3,\"Ana \"\"Nita\"\"\",,Escaped,2001-01-03,p3@college.example.edu\r"       // escaped_quotes, lone CR
                    + "P4,\"{\"\"type\"\"\",,\"Json, Point\",2001-01-04,p4@college.example.edu\r\n" // json
                    + "P5,Ana,,Newline \"quoted\",2001-01-05,p5@college.example.edu\n"           // location_coordinates' stray quote
                    + "P6,\"Once upon\r\na time\",,Newlines,2001-01-06,p6@college.example.edu\r\n" // newlines_crlf
                    + "P7,Ana,,\"Quotes \"\"and\"\"\nnewlines\",2001-01-07,p7@college.example.edu\n" // quotes_and_newlines
                    + "P8,\u02A4,,Utf,2001-01-08,p8@college.example.edu\n";                           // utf8
            Files.createDirectories(dir.resolve("inbox"));
            Files.write(dir.resolve("spectrum.csv.part"), roster.getBytes(StandardCharsets.UTF_8));
            Files.move(dir.resolve("spectrum.csv.part"), dir.resolve("inbox/spectrum.csv"));

            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(40));
            Map<String, String> outcome = fixture.db().rows("SELECT local_id, status, reason_code, source_line"
                    + " FROM cccid_request").stream().collect(Collectors.toMap(r -> (String) r.get("local_id"),
                    r -> r.get("status") + " " + r.get("reason_code") + " line " + r.get("source_line")));
            assertThat(outcome).containsEntry("P1", "DONE null line 2").containsEntry("P2", "DONE null line 3")
                    .containsEntry("P3", "DONE null line 4").containsEntry("P4", "DONE null line 5")
                    .containsEntry("P6", "REJECTED UNUSABLE_CHARACTER line 7")
                    .containsEntry("P7", "REJECTED UNUSABLE_CHARACTER line 9").containsEntry("P8", "DONE null line 11");
            assertThat(fixture.db().rows("SELECT line_number, reason_code FROM sisbridge_reject WHERE source = 'roster-file'"))
                    .extracting(r -> ((Number) r.get("line_number")).longValue() + " " + r.get("reason_code"))
                    .containsExactly("6 UNREADABLE_ROSTER_LINE");
            assertThat(names(fixture, "P2")).isEqualTo(Arrays.asList("Ana", null, "Lopez, Jr."));
            assertThat(names(fixture, "P3")).isEqualTo(Arrays.asList("Ana \"Nita\"", null, "Escaped"));
            assertThat(names(fixture, "P4")).isEqualTo(Arrays.asList("{\"type\"", null, "Json, Point"));
            assertThat(names(fixture, "P8")).isEqualTo(Arrays.asList("\u02A4", null, "Utf"));
            assertThat(fixture.simulator.accounts().accountsCreated("111", "P6")).isZero();
            assertThat(fixture.simulator.accounts().accountsCreated("111", "P7")).isZero();
        }
    }

    private static List<String> names(AgentFixture fixture, String localId) {
        return fixture.simulator.accounts().namesCreated("111", localId);
    }
}
