package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatedEvent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.CheckpointStore;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The agent dies after a page's rows were written but before its cursor was stored; a new agent
 * on the same database must end with every event exactly once.
 */
class EventsCrashRecoveryTest {

    /** A checkpoint store that "crashes the process" on its Nth save, after the page's rows went in. */
    static final class CrashingCheckpointStore extends CheckpointStore {
        private final AtomicInteger saves = new AtomicInteger();
        private final int crashOnSave;
        final AtomicInteger crashes = new AtomicInteger();

        CrashingCheckpointStore(DataSource ds, int crashOnSave) {
            super(ds, "sisbridge_checkpoint", Clock.systemUTC());
            this.crashOnSave = crashOnSave;
        }

        @Override
        public void advance(Connection connection, String flow, String scope, String expected, String cursor)
                throws SQLException {
            if (saves.incrementAndGet() >= crashOnSave) {
                crashes.incrementAndGet();
                throw new SQLException("injected crash between the page's rows and its cursor");
            }
            super.advance(connection, flow, scope, expected, cursor);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void crashBetweenRowsAndCursorThenRestartStoresEveryEventExactlyOnce(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 1000;
        settings.redeliveryRate = 0.05;
        TestDatabase database = TestDatabases.create(kind, "events-crash");
        try (AgentFixture fixture = new AgentFixture(settings, database).property("sisbridge.events.page-size", 100)) {
            CrashingCheckpointStore crashing = new CrashingCheckpointStore(database.dataSource(), 4);
            fixture.start(agent -> agent.bean("checkpointStore", crashing));
            await().atMost(Duration.ofSeconds(30)).until(() -> crashing.crashes.get() > 0);
            fixture.stopAgent();

            // three pages committed, the fourth rolled back with its cursor
            long beforeRestart = fixture.db().count("SELECT COUNT(*) FROM idme_status_event");
            assertThat(beforeRestart).isPositive().isLessThan(400);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_checkpoint")).isEqualTo(1);

            fixture.start();
            fixture.awaitEventsCaughtUp();

            HashSet<String> expected = new HashSet<>();
            for (long i = 0; i < fixture.simulator.feed().size(); i++) {
                SimulatedEvent e = fixture.simulator.feed().event("111", i);
                expected.add(e.eventId());
            }
            var ids = fixture.db().column("SELECT event_id FROM idme_status_event");
            assertThat(ids).hasSize(expected.size());
            assertThat(new HashSet<>(ids)).isEqualTo(expected);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
        }
    }

    @Test
    void restartAfterACommittedPageRereadsNothingTwice() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 300;
        TestDatabase database = TestDatabase.h2File("events-restart");
        try (AgentFixture fixture = new AgentFixture(settings, database)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            fixture.stopAgent();
            long requestsBefore = fixture.simulator.counters().eventRequests();

            fixture.start();
            fixture.awaitEventsCaughtUp();
            // the new agent resumed from the stored cursor: it read only the (empty) tail of the feed
            assertThat(fixture.eventStatistics().snapshot().received()).isZero();
            assertThat(fixture.simulator.counters().eventRequests()).isGreaterThan(requestsBefore);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(300);
        }
    }
}
