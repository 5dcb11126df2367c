package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/** Crashes, slow jobs, failed jobs, lost answers and throttling: every student still settles once. */
class RosterFailuresTest {

    /** "Kills the agent" right after upstream accepted a batch, before the job id is stored. */
    static final class CrashAfterPost extends RosterBatches {
        final AtomicInteger crashes = new AtomicInteger();

        CrashAfterPost(DataSource dataSource) {
            super(dataSource, new CccidRequestTable("cccid_request"), new CccidBatchTable("cccid_batch"),
                    new BulkAccountJson(new ObjectMapper()), Clock.systemUTC());
        }

        @Override
        public OpenBatch recordJob(OpenBatch batch, String jobId) throws SQLException {
            crashes.incrementAndGet();
            throw new IllegalStateException("injected crash after the POST of batch " + batch.batchId());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void crashAfterPostThenRestartCreatesEveryStudentOnce(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-crash");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)) {
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            CrashAfterPost crashing = new CrashAfterPost(database.dataSource());
            fixture.start(agent -> agent.bean("rosterBatches", crashing));
            Outbox.queue(database, "111", roster.students());
            await().atMost(Duration.ofSeconds(60)).until(() -> crashing.crashes.get() >= 2);
            fixture.stopAgent();
            assertThat(fixture.simulator.bulkJobs().created()).isEqualTo(1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status = 'OPEN' AND job_id IS NULL")).isEqualTo(1);

            fixture.start();
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));

            RosterOutboxTest.assertOutcomes(fixture, roster);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
            assertThat(fixture.simulator.accounts().accountsCreated()).isEqualTo(10);
            // the re-sent batch got its old job back: one job per recorded batch, none more
            assertThat(fixture.simulator.bulkJobs().created()).isEqualTo(fixture.db().count("SELECT COUNT(*) FROM cccid_batch"));
            assertThat(fixture.simulator.bulkJobs().replays()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aJobRunningForAWhileIsPolledAcrossRunsAndSettles() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.bulkRunningMillis = 2500;
        try (AgentFixture fixture = RosterFixtures.agent(settings, TestDatabase.h2File("roster-running"))
                .property("sisbridge.roster.job-poll-budget-ms", 400)) {
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            Outbox.queue(fixture.database, "111", roster.students());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status = 'SUBMITTED'") >= 2);
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            RosterOutboxTest.assertOutcomes(fixture, roster);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        }
    }

    @Test
    void aFailedJobsStudentsAreSentAgainInANewBatch() throws Exception {
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File("roster-failed"))) {
            fixture.simulator.faults().failNextBulkJobs(1);
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            Outbox.queue(fixture.database, "111", roster.students());
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            RosterOutboxTest.assertOutcomes(fixture, roster);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status = 'FAILED'")).isEqualTo(1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE attempts = 1 AND status = 'DONE'")).isEqualTo(7);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        }
    }

    @Test
    void studentsWhoseJobsKeepFailingEndInErrorWithTheReason() throws Exception {
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File("roster-error"))
                .property("sisbridge.roster.max-attempts", 2)) {
            fixture.simulator.faults().failNextBulkJobs(1000);
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            Outbox.queue(fixture.database, "111", roster.students());
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            int sent = roster.sent().size();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status = 'ERROR'"
                    + " AND reason_code = 'UPSTREAM_JOB_FAILED' AND attempts = 2")).isEqualTo(sent);
            assertThat(fixture.db().column("SELECT status_reason FROM cccid_request WHERE status = 'ERROR'"))
                    .allSatisfy(reason -> assertThat((String) reason).contains("FAILED").contains("max-attempts"));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status = 'REJECTED'"))
                    .isEqualTo(roster.locallyRejected().size());
            assertThat(fixture.simulator.accounts().accountsCreated()).isZero();
        }
    }

    @Test
    void a500AfterTheJobWasCreatedAndThrottlingStillCreateEveryStudentOnce() throws Exception {
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File("roster-500"))) {
            fixture.simulator.faults().answer500AfterNextBulkJobs(2);
            fixture.simulator.faults().failNext(429, 2);
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            Outbox.queue(fixture.database, "111", roster.students());
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            RosterOutboxTest.assertOutcomes(fixture, roster);
            assertThat(fixture.simulator.counters().responses(500)).isEqualTo(2);
            assertThat(fixture.simulator.counters().responses(429)).isEqualTo(2);
            assertThat(fixture.simulator.bulkJobs().replays()).isEqualTo(2);
            assertThat(fixture.simulator.bulkJobs().created()).isEqualTo(fixture.db().count("SELECT COUNT(*) FROM cccid_batch"));
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        }
    }
}
