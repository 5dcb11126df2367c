package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.RelayedDatabase;
import org.sisbridge.testsupport.StagingQueries;

/**
 * A staging database that answers, but late: every answer of the server reaches the agent 40 ms after it was sent
 * (a busy server, or one far away), under the driver's read timeout (2 s). The events and reports flows run at once
 * on it: slower, and that is all. Each event and each report row is staged exactly once, the checkpoint is at the
 * feed's end, and no flow records a failure, since nothing failed.
 */
class SlowDatabaseTest {

    private static final int EVENTS = 1200;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aSlowDatabaseSlowsTheFlowsDownAndLosesOrDoublesNothing(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = EVENTS;
        settings.reports.weekly = false;
        try (RelayedDatabase database = RelayedDatabase.create(kind, "slow-db", true);
             AgentFixture fixture = ReportsAgent.fixture(settings, database.relayed, ReportsAgent.workDir("slow-db"))
                     .property("sisbridge.events.enabled", true)
                     .property("sisbridge.events.page-size", 100)
                     .property("sisbridge.staging.batch-size", 100)
                     .property("sisbridge.staging.connection-timeout-ms", 5000)) {
            database.proxy.slow(Duration.ofMillis(40));
            fixture.start();
            StagingQueries direct = database.direct.queries();
            ReportCatalog catalog = fixture.simulator.reports();
            int reports = catalog.reports("111", null).size();

            fixture.awaitEventsCaughtUp();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> direct.count("SELECT COUNT(*) FROM sisbridge_report_load") == reports);

            assertThat(database.proxy.delayedAnswers()).as("the database's answers came late").isGreaterThan(100);
            List<Object> ids = direct.column("SELECT event_id FROM idme_status_event");
            Set<String> expected = new HashSet<>();
            for (long i = 0; i < EVENTS; i++) {
                expected.add(fixture.simulator.feed().event("111", i).eventId());
            }
            assertThat(new HashSet<>(ids)).as("every event of the feed staged").isEqualTo(expected);
            assertThat(ids).as("each event once").hasSize(EVENTS);
            ReportsStagedExactlyOnce.assertStaged(direct, catalog);
            FlowActivity activity = fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class);
            assertThat(activity.lastFailure("idme-events", "111")).as("events failure").isNull();
            assertThat(activity.lastFailure("idme-status-report", "111")).as("reports failure").isNull();
        }
    }
}
