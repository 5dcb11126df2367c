package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/** A roster CSV dropped by staff: its rows take the outbox path and a results CSV comes back. */
class RosterDropFolderTest {

    private static final String HEADER = "Local ID,First Name,Middle Name,Last Name,Birth Date,E-mail,Phone,Postal Code";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void aDroppedRosterComesBackAsAResultsFileWithEveryStudentsOutcome(DatabaseKind kind) throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        TestDatabase database = TestDatabases.create(kind, "roster-drop");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            StringBuilder csv = new StringBuilder("\uFEFF" + HEADER + "\r\n");
            for (RosterStudent s : roster.students()) {
                csv.append(line(s)).append("\r\n");
            }
            // what only a file can hold: a name too long for the form, an impossible date, a US date,
            // a quoted name with a comma, and two lines that are not CSV with the header's columns
            csv.append("F1,").append("A".repeat(120)).append(",,Long,2000-01-01,f1@college.example.edu,,\r\n");
            csv.append("F2,Ana,,Date,2001-02-30,f2@college.example.edu,,\r\n");
            csv.append("F3,Ana,,\"Lopez, Jr.\",4/30/2001,f3@college.example.edu,,95814\r\n");
            csv.append("F4,Ana,,Wide,2000-01-01,f4@college.example.edu,,95814,past the header\r\n");
            csv.append("F5,\"broken \"quote,,Name,2000-01-01,f5@college.example.edu,,\r\n");
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            drop(dir, "fall-roster.csv", bytes);

            Path results = dir.resolve("outbox/fall-roster-results.csv");
            await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(results));

            Map<String, String[]> byLocalId = new HashMap<>();
            assertThat(Files.readAllLines(results, StandardCharsets.UTF_8).get(0)).isEqualTo(RosterResultsFiles.HEADER);
            List<String[]> unreadable = new java.util.ArrayList<>();
            for (String[] f : readCsv(results)) {
                if ("UNREADABLE".equals(f[2])) {
                    unreadable.add(f);
                } else {
                    byLocalId.put(f[1], f);
                }
            }
            for (RosterCase.Row expected : roster.rows.values()) {
                String[] row = byLocalId.get(expected.student().localId());
                assertThat(row).as("results row of %s", expected.student().localId()).isNotNull();
                String outcome = expected.outcome() == null ? "REJECTED" : expected.outcome();
                assertThat(row[2]).as("outcome of %s", expected.student().localId()).isEqualTo(outcome);
                if (expected.cccid() != null) {
                    assertThat(row[3]).isEqualTo(expected.cccid());
                }
                if ("CREATED".equals(outcome)) {
                    assertThat(row[3]).matches("[A-HJ-NP-Z]{3}[0-9]{4}");
                }
                if (expected.matchedOn() != null) {
                    assertThat(row[4]).isEqualTo(expected.matchedOn());
                }
                if (expected.reasonCode() != null) {
                    assertThat(row[5]).as("reason of %s", expected.student().localId()).isNotBlank();
                }
            }
            assertThat(byLocalId.get("F1")[2]).isEqualTo("REJECTED");
            assertThat(byLocalId.get("F2")[2]).isEqualTo("REJECTED");
            assertThat(byLocalId.get("F3")[2]).isEqualTo("CREATED");
            assertThat(unreadable).extracting(f -> f[0]).containsExactly(String.valueOf(roster.rows.size() + 5),
                    String.valueOf(roster.rows.size() + 6));
            assertThat(fixture.db().rows("SELECT local_id, reason_code FROM cccid_request WHERE local_id IN ('F1', 'F2')"))
                    .extracting(r -> r.get("reason_code")).containsExactlyInAnyOrder("STUDENT_FIELD_TOO_LONG", "INVALID_BIRTH_DATE");
            assertThat(fixture.db().rejectsByReason("roster-file")).containsEntry("UNREADABLE_ROSTER_LINE", 2L);
            assertThat(fixture.db().column("SELECT source_ref FROM sisbridge_reject WHERE source = 'roster-file'"))
                    .containsOnly("fall-roster.csv");
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
            assertThat(listNames(dir.resolve("inbox/done"))).anyMatch(n -> n.endsWith("fall-roster.csv"));

            // the same file again (say, e-mailed twice) enters nothing new
            long rows = fixture.db().count("SELECT COUNT(*) FROM cccid_request");
            drop(dir, "fall-roster.csv", bytes);
            // (done/ also gets fall-roster.csv.reason, naming the file it repeats)
            await().atMost(Duration.ofSeconds(60)).until(() -> listNames(dir.resolve("inbox/done")).stream()
                    .filter(n -> n.endsWith(".csv")).count() == 2);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request")).isEqualTo(rows);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_roster_file")).isEqualTo(1);
        }
    }

    @Test
    void aFileWithoutARequiredColumnMovesToErrorWithTheReason() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File("roster-bad-file"))
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            drop(dir, "no-birth-date.csv", "local_id,first_name,last_name,email\nS1,Ana,Lopez,a@example.edu\n"
                    .getBytes(StandardCharsets.UTF_8));
            Path reason = dir.resolve("inbox/error/no-birth-date.csv.reason");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("inbox/error/no-birth-date.csv"))
                    && Files.exists(reason));
            assertThat(Files.readString(reason)).contains("birth_date");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request")).isZero();
            // staff may never look in error/: the status page says it too, until a later file loads; it says where the
            // file went but not its name, which staff may have made of a student's (the page has no login)
            FlowActivity activity = fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class);
            assertThat(activity.lastFailure(RosterFileFailure.FLOW, RosterFileFailure.SCOPE))
                    .contains("birth_date").contains("error/").doesNotContain("no-birth-date");
            assertThat(fixture.db().rows("SELECT last_failure FROM sisbridge_flow_run WHERE flow = 'roster-drop'").toString())
                    .contains("birth_date").doesNotContain("no-birth-date");
            assertThat(RosterStatus.page(fixture)).contains("birth_date").doesNotContain("no-birth-date");
            drop(dir, "good.csv", "local_id,first_name,last_name,birth_date,email\nS2,Ana,Lopez,2000-01-01,a@example.edu\n"
                    .getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.db().count("SELECT COUNT(*) FROM cccid_request") == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> activity.snapshot()
                    .get(RosterFileFailure.FLOW + "/" + RosterFileFailure.SCOPE).lastSuccessAt() != null);
        }
    }

    /** The records after the header, read with the agent's own RFC 4180 reader. */
    private static List<String[]> readCsv(Path file) throws Exception {
        List<String[]> records = new java.util.ArrayList<>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            RosterCsvReader csv = new RosterCsvReader(reader);
            csv.next();
            for (RosterCsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                records.add(r.fields().toArray(String[]::new));
            }
        }
        return records;
    }

    private static void drop(Path dir, String name, byte[] content) throws Exception {
        RosterFixtures.drop(dir, name, content);
    }

    private static List<String> listNames(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String line(RosterStudent s) {
        return String.join(",", csv(s.localId()), csv(s.firstName()), csv(s.middleName()), csv(s.lastName()),
                csv(s.birthDate()), csv(s.email()), csv(s.phone()), csv(s.postalCode()));
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.startsWith(" ") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
