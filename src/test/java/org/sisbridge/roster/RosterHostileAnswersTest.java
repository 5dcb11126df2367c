package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.upstream.PollFailureRecorder;
import org.slf4j.LoggerFactory;

/** An upstream that answers with values no client should trust: one bad answer stays one bad record. */
class RosterHostileAnswersTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void anOverLongCccidInAJobsResultsSettlesOnlyThatStudentAsError(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.invalidBulkResult = true;
        try (AgentFixture fixture = RosterFixtures.agent(settings, TestDatabases.create(kind, "roster-invalid-result"))) {
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            Outbox.queue(fixture.database, "111", roster.students());
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(40));

            long jobs = fixture.simulator.bulkJobs().created();
            assertThat(jobs).isPositive();
            // one student per job (the one given the bad CCCID) is ERROR with its own reason, and has no result row
            List<Map<String, Object>> errors = fixture.db().rows(
                    "SELECT local_id, reason_code, status_reason FROM cccid_request WHERE status = 'ERROR'");
            assertThat(errors).hasSize((int) jobs);
            assertThat(errors).allSatisfy(e -> {
                assertThat(e.get("reason_code")).isEqualTo("UPSTREAM_RESULT_INVALID");
                assertThat((String) e.get("status_reason")).contains("does not have the CCCID form").doesNotContain("ZZZZ");
            });
            List<Object> errorIds = errors.stream().map(e -> e.get("local_id")).toList();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result r JOIN cccid_request q ON q.request_id = r.request_id"
                    + " WHERE q.status = 'ERROR'")).isZero();
            assertThat(fixture.db().column("SELECT ccc_id FROM cccid_result WHERE ccc_id IS NOT NULL"))
                    .allSatisfy(c -> assertThat((String) c).matches("[A-HJ-NP-Z]{3}[0-9]{4}[A-Z0-9]?"));
            // every other student settled as it would have without the bad answer
            for (RosterCase.Row expected : roster.rows.values()) {
                if (errorIds.contains(expected.student().localId())) {
                    continue;
                }
                assertThat(fixture.db().single("SELECT status FROM cccid_request WHERE local_id = ?", expected.student().localId()))
                        .as("status of %s", expected.student().localId()).isEqualTo(expected.status());
            }
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status <> 'COMPLETE'")).isZero();
            // each such batch is a state on the status page and in status, and the students are counted by why
            String notes = RosterStatus.section(RosterStatus.page(fixture), "roster-batch-notes");
            assertThat(notes.split("class=\"roster-batch-note\"", -1)).hasSize((int) jobs + 1);
            assertThat(notes).contains("1 result(s) from upstream could not be stored (UPSTREAM_RESULT_INVALID)");
            assertThat(RosterStatus.text(fixture)).contains("Roster batches to look at: " + jobs);
            assertThat(RosterStatus.problems(fixture, "result_invalid")).isEqualTo(jobs);
        }
    }

    @Test
    void formulasFromUpstreamAndFromStaffNeverReachTheResultsFileAsFormulas() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.formulaLikeValues = true;
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.agent(settings, TestDatabase.h2File("roster-formulas"))
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            var existing = fixture.simulator.accounts().population().student(0);
            String csv = "local_id,first_name,last_name,birth_date,email\r\n"
                    + "=2+5,Ana,Formula,2000-01-01,ana.formula@college.example.edu\r\n"
                    + "@SUM(1),Bea,Formula,2000-01-01,bea.formula@college.example.edu\r\n"
                    + "E1,Other,Name," + "1999-09-09," + existing.email() + "\r\n";
            Files.createDirectories(dir.resolve("inbox"));
            Files.writeString(dir.resolve("inbox/formulas.csv.part"), csv, StandardCharsets.UTF_8);
            Files.move(dir.resolve("inbox/formulas.csv.part"), dir.resolve("inbox/formulas.csv"));

            Path results = dir.resolve("outbox/formulas-results.csv");
            await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(results));

            Map<String, String[]> byLocalId = new HashMap<>();
            for (String[] record : readCsv(results)) {
                for (String cell : record) {
                    assertThat(cell).as("a results cell").doesNotStartWith("=").doesNotStartWith("+")
                            .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
                }
                byLocalId.put(record[1], record);
            }
            assertThat(byLocalId).containsKeys("'=2+5", "'@SUM(1)", "E1");
            assertThat(byLocalId.get("E1")[2]).isEqualTo("EXISTING");
            assertThat(byLocalId.get("E1")[4]).startsWith("'=HYPERLINK(");
            // the database keeps the values as they are: only the file for spreadsheets is neutralized
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE local_id = '=2+5'")).isEqualTo(1);
        }
    }

    @Test
    void upstreamErrorTextReachesTheLogAndLastFailureEscapedAndMasked() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.formulaLikeValues = true;
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger recorder = (Logger) LoggerFactory.getLogger(PollFailureRecorder.class);
        logs.start();
        recorder.addAppender(logs);
        try (AgentFixture fixture = RosterFixtures.agent(settings, TestDatabase.h2File("roster-hostile-messages"))) {
            // the first POST is refused for good, the job of the second one fails, both with a hostile message
            fixture.simulator.faults().failNext(400, 1);
            fixture.simulator.faults().failNextBulkJobs(1);
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 2);
            Outbox.queue(fixture.database, "111", roster.students());
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.db().count(
                    "SELECT COUNT(*) FROM cccid_batch WHERE status = 'FAILED'") > 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> lastFailure(fixture) != null);

            List<String> texts = new ArrayList<>();
            texts.add(lastFailure(fixture));
            texts.addAll(fixture.db().column("SELECT last_error FROM cccid_batch WHERE last_error IS NOT NULL").stream()
                    .map(String::valueOf).toList());
            logs.list.stream().map(ILoggingEvent::getFormattedMessage).forEach(texts::add);
            assertThat(texts).hasSizeGreaterThanOrEqualTo(3);
            assertThat(texts).anySatisfy(t -> assertThat(t).contains("failed\\n", "FORGED log line"));
            for (String text : texts) {
                // not a bare "867": the batch id in the line is a random UUID, which holds those digits about one time in 70
                assertThat(text).doesNotContain("\n", "\r", "Jane", "Doe", "555-867-5309", "867-5309");
                assertThat(text.length()).isLessThan(1000);
            }
        } finally {
            recorder.detachAppender(logs);
        }
    }

    private static String lastFailure(AgentFixture fixture) {
        List<Object> found = fixture.db().column(
                "SELECT last_failure FROM sisbridge_flow_run WHERE flow = 'roster-push' AND scope = '111' AND last_failure IS NOT NULL");
        return found.isEmpty() ? null : String.valueOf(found.get(0));
    }

    private static List<String[]> readCsv(Path file) throws Exception {
        List<String[]> records = new ArrayList<>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            RosterCsvReader csv = new RosterCsvReader(reader);
            csv.next();
            for (RosterCsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                records.add(r.fields().toArray(String[]::new));
            }
        }
        return records;
    }
}
