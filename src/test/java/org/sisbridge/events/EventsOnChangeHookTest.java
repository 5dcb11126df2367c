package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Issue 15, the events hook: the shipped sample (config/samples/events-on-change-flag.sql) runs in
 * each page's transaction for every newly staged change to unverified or expired, and for no other.
 * While the SIS refuses it (its table is missing) no page is staged, the cursor stays and the poll's
 * failure names the key; once the table is there every change is flagged exactly once, redeliveries
 * included.
 */
class EventsOnChangeHookTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void everyNewChangeToAConfiguredStatusRunsTheHookOnce(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 400;
        settings.redeliveryRate = 0.1;
        TestDatabase database = TestDatabases.create(kind, "events-on-change");
        try (AgentFixture fixture = new AgentFixture(settings, database)
                .property("sisbridge.roster.enabled", false)
                .property("sisbridge.events.page-size", 100)
                .property("sisbridge.events.on-change.enabled", true)
                .property("sisbridge.events.on-change.sql-file", "config/samples/events-on-change-flag.sql")) {
            fixture.start();
            // no SIS_IDME_FLAG yet: the hook fails, so the page fails whole and nothing is staged
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lastEventsFailure() != null);
            assertThat(fixture.lastEventsFailure()).contains("sisbridge.events.on-change failed for event")
                    .contains("SQLState 42");
            StagingQueries db = fixture.db();
            assertThat(db.count("SELECT COUNT(*) FROM idme_status_event")).isZero();

            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE SIS_IDME_FLAG (CCC_ID VARCHAR(9) NOT NULL, MIS_CODE VARCHAR(3) NOT NULL,"
                        + " EVENT_ID VARCHAR(100) NOT NULL, IDME_STATUS VARCHAR(20) NOT NULL, PREVIOUS_IDME_STATUS VARCHAR(20),"
                        + " STATUS_CHANGED_AT " + (kind == DatabaseKind.MARIADB ? "DATETIME(3)" : "TIMESTAMP") + ")");
            }
            fixture.awaitEventsCaughtUp();

            long matching = db.count("SELECT COUNT(*) FROM idme_status_event WHERE idme_status IN ('unverified', 'expired')");
            assertThat(matching).isPositive().isLessThan(db.count("SELECT COUNT(*) FROM idme_status_event"));
            assertThat(db.count("SELECT COUNT(*) FROM SIS_IDME_FLAG")).isEqualTo(matching);
            assertThat(db.count("SELECT COUNT(DISTINCT EVENT_ID) FROM SIS_IDME_FLAG")).isEqualTo(matching);
            // each flag carries its event's bound values
            assertThat(db.count("SELECT COUNT(*) FROM SIS_IDME_FLAG f JOIN idme_status_event e ON e.event_id = f.EVENT_ID"
                    + " AND e.mis_code = f.MIS_CODE AND e.ccc_id = f.CCC_ID AND e.idme_status = f.IDME_STATUS"
                    + " AND e.event_timestamp = f.STATUS_CHANGED_AT")).isEqualTo(matching);
        }
    }
}
