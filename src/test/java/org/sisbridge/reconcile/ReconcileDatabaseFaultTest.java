package org.sisbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.RelayedDatabase;
import org.sisbridge.testsupport.StagingQueries;

/**
 * A reconciliation whose database freezes between two batches (the relay holds every byte; the driver's read
 * timeout, 2 s, ends the wait) fails that run with one line on the status page, and the next run, once the
 * database answers again, resumes the same run to one outcome per student, the counts of an uninterrupted run,
 * and nothing created upstream. H2's client has no read timeout, so the servers only.
 */
class ReconcileDatabaseFaultTest {

    @ParameterizedTest(name = "on {0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aDatabaseFrozenMidRunFailsThatRunAndTheNextOneResumesItToOneOutcomePerStudent(DatabaseKind kind) throws Exception {
        try (RelayedDatabase database = RelayedDatabase.create(kind, "reconcile-frozen", true);
             AgentFixture fixture = new AgentFixture(new SimulatorSettings(), database.relayed)) {
            ReconcileResumeTest.createSis(database.direct, fixture.simulator.accounts().population());
            fixture.property("sisbridge.events.enabled", false).property("sisbridge.roster.enabled", false)
                    .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                    .property("sisbridge.reconcile.enabled", true).property("sisbridge.reconcile.initial-delay-ms", 0)
                    .property("sisbridge.reconcile.poll-interval-ms", 1000)
                    .property("sisbridge.reconcile.batch-size", 2).property("sisbridge.reconcile.sql", ReconcileResumeTest.QUERY)
                    .property("sisbridge.staging.connection-timeout-ms", 3000)
                    // each batch waits a second for its job: the freeze lands between two batches' records
                    .property("sisbridge.roster.job-poll-initial-delay-ms", 1000)
                    .property("sisbridge.roster.job-poll-max-delay-ms", 1000);
            StagingQueries direct = database.direct.queries();
            fixture.start();
            FlowActivity activity = fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ReconcileResumeTest.rows(direct) >= 2);

            database.proxy.freeze();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> activity.lastFailure(ReconcileRunner.FLOW, "111") != null);
                assertThat(direct.column("SELECT status FROM sisbridge_reconcile_run")).containsExactly("RUNNING");
                assertThat(ReconcileResumeTest.rows(direct)).as("outcomes recorded before the freeze").isBetween(2L, 7L);
            } finally {
                database.proxy.thaw();
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> direct.count(
                    "SELECT COUNT(*) FROM sisbridge_reconcile_run WHERE status = 'COMPLETE'") == 1);
            assertThat(direct.count("SELECT COUNT(*) FROM sisbridge_reconcile_run")).as("the same run, resumed").isEqualTo(1);
            ReconcileResumeTest.assertOneOutcomeEachAsAnUninterruptedRunGives(direct);
            assertThat(fixture.simulator.accounts().accountsCreated()).as("accounts created in mode match-only").isZero();
        }
    }
}
