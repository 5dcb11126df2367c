package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.CheckpointStore;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.upstream.UpstreamRetryLog;
import org.slf4j.LoggerFactory;

/**
 * A database failure whose cause is an IOException (a connection reset under the driver) is a database failure:
 * the error policy does not retry it as an upstream I/O error. Before issue 11's fix, the
 * {@code java.io.IOException} clause matched the SocketTimeoutException cause and redelivered the
 * step that hands over the next page; that page then committed with its own cursor, and the failed
 * page was never staged.
 */
class DatabaseFailureClassificationTest {

    /** Fails one page's commit, after its rows, as a driver does whose socket read timed out. */
    static final class TimingOutCheckpointStore extends CheckpointStore {
        private final AtomicInteger saves = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        TimingOutCheckpointStore(DataSource ds) {
            super(ds, "sisbridge_checkpoint", Clock.systemUTC());
        }

        @Override
        public void advance(Connection connection, String flow, String scope, String expected, String next)
                throws SQLException {
            if (saves.incrementAndGet() == 3) {
                failures.incrementAndGet();
                // as a driver reports a connection reset: an SQLException caused by a SocketException
                throw new SQLException("An I/O error occurred while sending to the backend.", "08006",
                        new SocketException("Connection reset"));
            }
            super.advance(connection, flow, scope, expected, next);
        }
    }

    @Test
    void aDatabaseFailureWithAnIoCauseIsNotRetriedAsAnUpstreamFailureAndLosesNoPage() throws Exception {
        ListAppender<ILoggingEvent> retries = new ListAppender<>();
        Logger retryLog = (Logger) LoggerFactory.getLogger(UpstreamRetryLog.class);
        retries.start();
        retryLog.addAppender(retries);
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 1000;
        TestDatabase database = TestDatabase.h2File("db-failure-classified");
        try (AgentFixture fixture = new AgentFixture(settings, database).property("sisbridge.events.page-size", 100)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false)) {
            TimingOutCheckpointStore store = new TimingOutCheckpointStore(database.dataSource());
            fixture.start(agent -> agent.bean("checkpointStore", store));
            fixture.awaitEventsCaughtUp();

            assertThat(store.failures).hasValue(1);
            HashSet<String> expected = new HashSet<>();
            for (long i = 0; i < settings.eventsPerMisCode; i++) {
                expected.add(fixture.simulator.feed().event("111", i).eventId());
            }
            var ids = fixture.db().column("SELECT event_id FROM idme_status_event");
            assertThat(new HashSet<>(ids)).as("no page lost").isEqualTo(expected);
            assertThat(ids).hasSize(expected.size());
            // not one upstream retry: the poll stopped on the database failure and the next one went on
            assertThat(retries.list).isEmpty();
            assertThat(fixture.lastEventsFailure()).startsWith("the staging database jdbc:h2:file:")
                    .contains("SQLState 08006").contains("An I/O error occurred");
            assertThat(pollFailures(fixture, "staging-database")).isEqualTo(1);
            assertThat(pollFailures(fixture, "upstream")).isZero();
        } finally {
            retryLog.detachAppender(retries);
        }
    }

    private static double pollFailures(AgentFixture fixture, String where) {
        MeterRegistry meters = fixture.camelContext().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        Counter counter = meters.find("sisbridge.poll.failures").tags("flow", "idme-events", "where", where).counter();
        return counter == null ? 0 : counter.count();
    }
}
