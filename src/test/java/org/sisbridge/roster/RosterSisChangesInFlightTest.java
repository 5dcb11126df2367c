package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.testsupport.TestLog;

/**
 * The college's SIS owns the outbox rows and may change one while its batch is in flight: put a
 * student on hold, or delete the row. The rest of the batch, and every batch after it, still settles.
 */
class RosterSisChangesInFlightTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aStudentTheSisTakesBackFromABatchLeftOpenDoesNotHoldUpTheOthers(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-sis-takes-back");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)) {
            crashAfterTheFirstPost(fixture, database, 7);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status = 'OPEN' AND job_id IS NULL")).isEqualTo(1);

            // meanwhile the college puts one student of that batch on hold and deletes another, and queues three more
            fixture.db().update("UPDATE cccid_request SET status = 'HOLD' WHERE local_id = 'T0'");
            fixture.db().update("DELETE FROM cccid_request WHERE local_id = 'T1'");
            Outbox.queue(database, "111", students(7, 3));

            fixture.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT')") == 0);

            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status = 'DONE'")).isEqualTo(8);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE outcome = 'CREATED'")).isEqualTo(8);
            assertThat(fixture.db().column("SELECT status FROM cccid_request WHERE local_id = 'T0'")).containsExactly("HOLD");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status IN ('OPEN', 'SUBMITTED')")).isZero();
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
            // one line says what happened to the batch, by counts and ids only
            String log = TestLog.read();
            assertThat(log).contains("2 of its 7 student(s) are no longer SENT");
            // and a state, not only a log line: the settled batch keeps what happened, shown and counted
            String batchId = (String) fixture.db().single("SELECT batch_id FROM cccid_batch WHERE student_count = 5");
            assertThat(RosterStatus.section(RosterStatus.page(fixture), "roster-batch-notes")).contains(batchId)
                    .contains("2 of its 7 student(s) are no longer SENT").contains("status back to PENDING");
            assertThat(RosterStatus.text(fixture)).contains("Roster batches to look at: 1")
                    .contains(batchId).contains("2 of its 7 student(s) are no longer SENT");
            assertThat(RosterStatus.problems(fixture, "taken_back")).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aBatchLeftOpenWhoseStudentsTheSisAllTookBackIsClosedAndNotSent(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-sis-takes-all-back");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)) {
            crashAfterTheFirstPost(fixture, database, 3);

            // the college takes back every student of that batch, and queues two others
            fixture.db().update("DELETE FROM cccid_request WHERE local_id IN ('T0', 'T1', 'T2')");
            Outbox.queue(database, "111", students(3, 2));

            fixture.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status = 'DONE'") == 2);
            assertThat(fixture.db().column("SELECT status FROM cccid_batch ORDER BY created_at")).containsExactly("FAILED", "COMPLETE");
            assertThat((String) fixture.db().single("SELECT last_error FROM cccid_batch WHERE status = 'FAILED'"))
                    .contains("3 of its 3 student(s) are no longer SENT").contains("none is left");
            assertThat(RosterStatus.section(RosterStatus.page(fixture), "roster-batch-notes"))
                    .contains("3 of its 3 student(s) are no longer SENT");
            assertThat(RosterStatus.problems(fixture, "taken_back")).isEqualTo(3);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aResultForAStudentTheSisTookBackFromASubmittedBatchIsSaidNotDroppedSilently(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-sis-takes-back-submitted");
        SimulatorSettings settings = new SimulatorSettings();
        settings.bulkRunningMillis = 2500;
        try (AgentFixture fixture = RosterFixtures.agent(settings, database)) {
            fixture.start();
            Outbox.queue(database, "111", students(0, 3));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status = 'SUBMITTED'") == 1);
            // upstream is working on the job; the college puts one of its students on hold
            assertThat(fixture.db().update("UPDATE cccid_request SET status = 'HOLD' WHERE local_id = 'T0' AND status = 'SENT'"))
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status = 'COMPLETE'") == 1);

            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status = 'DONE'")).isEqualTo(2);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE local_id = 'T0'")).isZero();
            // upstream created T0's account in that job: the agent says so rather than dropping the answer without a word
            assertThat(fixture.simulator.accounts().accountsCreated("111", "T0")).isEqualTo(1);
            String batchId = (String) fixture.db().single("SELECT batch_id FROM cccid_batch");
            assertThat(TestLog.read()).contains("Roster batch " + batchId).contains(
                    "upstream answered for 1 student(s) the batch no longer holds as SENT");
            // and a state, not only a log line: which batch, how many, what to do
            assertThat(RosterStatus.section(RosterStatus.page(fixture), "roster-batch-notes")).contains(batchId)
                    .contains("upstream answered for 1 student(s) the batch no longer holds as SENT, 1 of them with a CCCID")
                    .contains("status back to PENDING");
            assertThat(RosterStatus.text(fixture)).contains("Roster batches to look at: 1").contains(batchId)
                    .contains("upstream answered for 1 student(s) the batch no longer holds as SENT");
            assertThat(RosterStatus.problems(fixture, "result_for_taken_back")).isEqualTo(1);
        }
    }

    static List<RosterStudent> students(int from, int count) {
        List<RosterStudent> students = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            students.add(RosterCase.student("T" + i, "Tamsin", "Inflight" + RosterCase.letters(i), "2001-02-03",
                    "inflight" + i + "@college.example.edu", null, "95814"));
        }
        return students;
    }

    /** The agent stops right after upstream accepted the first batch (students T0 onwards), its job id not stored. */
    private static void crashAfterTheFirstPost(AgentFixture fixture, TestDatabase database, int count) throws Exception {
        RosterFailuresTest.CrashAfterPost crashing = new RosterFailuresTest.CrashAfterPost(database.dataSource());
        fixture.start(agent -> agent.bean("rosterBatches", crashing));
        Outbox.queue(database, "111", students(0, count));
        await().atMost(Duration.ofSeconds(60)).until(() -> crashing.crashes.get() >= 1);
        fixture.stopAgent();
    }
}
