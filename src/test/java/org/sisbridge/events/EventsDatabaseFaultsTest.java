package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.RelayedDatabase;
import org.sisbridge.testsupport.StagingQueries;

/**
 * The staging database fails in the middle of a multi-page events poll: frozen while the driver has
 * a read timeout (the page's commit fails with an SQLException caused by a SocketTimeoutException),
 * frozen without one (everything waits, then goes on), or its connections cut. Issue 11 found that
 * the first case lost a page: the error policy took the database error for an upstream I/O error and
 * redelivered the step that hands over the next page, which then committed with its own cursor.
 * Whatever the fault and wherever it hits, every event ends up staged exactly once and the
 * checkpoint at the feed's end; a failed poll is recorded.
 */
class EventsDatabaseFaultsTest {

    private static final int EVENTS = 3000;
    private static final int PAGE = 100;

    enum Fault { FROZEN_WITH_READ_TIMEOUT, FROZEN_WITHOUT_READ_TIMEOUT, CUT }

    static Stream<Arguments> faults() {
        return Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB).flatMap(kind -> Stream.of(
                Arguments.of(kind, Fault.FROZEN_WITH_READ_TIMEOUT, 100),
                Arguments.of(kind, Fault.FROZEN_WITH_READ_TIMEOUT, 1500),
                Arguments.of(kind, Fault.FROZEN_WITHOUT_READ_TIMEOUT, 1500),
                Arguments.of(kind, Fault.CUT, 100),
                Arguments.of(kind, Fault.CUT, 1500)));
    }

    @ParameterizedTest(name = "{1} after {2} events on {0}")
    @MethodSource("faults")
    void everyEventIsStagedExactlyOnceWhateverTheDatabaseDoesMidPoll(DatabaseKind kind, Fault fault, int after) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = EVENTS;
        // a steady pace, so that the fault lands in the middle of the poll
        settings.slowResponseRate = 1.0;
        settings.slowResponseMillis = 30;
        try (RelayedDatabase database = RelayedDatabase.create(kind, "events-db-fault", fault == Fault.FROZEN_WITH_READ_TIMEOUT);
             AgentFixture fixture = new AgentFixture(settings, database.relayed)
                     .property("sisbridge.events.page-size", PAGE)
                     .property("sisbridge.staging.connection-timeout-ms", 3000)
                     .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                     .property("sisbridge.roster.enabled", false)) {
            StagingQueries direct = database.direct.queries();
            fixture.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> direct.count("SELECT COUNT(*) FROM idme_status_event") >= after);

            switch (fault) {
                case FROZEN_WITH_READ_TIMEOUT -> {
                    int closes = database.proxy.clientCloses();
                    database.proxy.freeze();
                    // the driver gave a connection up after its read timeout: a statement or commit failed
                    await().atMost(Duration.ofSeconds(30)).until(() -> database.proxy.clientCloses() > closes);
                    database.proxy.thaw();
                }
                case FROZEN_WITHOUT_READ_TIMEOUT -> {
                    database.proxy.freeze();
                    // something the agent sent waits at the relay
                    await().atMost(Duration.ofSeconds(30)).until(() -> database.proxy.stalledChunks() > 0);
                    database.proxy.thaw();
                }
                case CUT -> database.proxy.cut();
            }
            fixture.awaitEventsCaughtUp();

            List<Object> ids = direct.column("SELECT event_id FROM idme_status_event");
            Set<String> expected = new HashSet<>();
            for (long i = 0; i < EVENTS; i++) {
                expected.add(fixture.simulator.feed().event("111", i).eventId());
            }
            assertThat(new HashSet<>(ids)).as("every event of the feed staged").isEqualTo(expected);
            assertThat(ids).as("each event once").hasSize(EVENTS);
            assertThat(direct.single("SELECT cursor_value FROM sisbridge_checkpoint WHERE flow = 'idme-events' AND scope = '111'"))
                    .isEqualTo(Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(("v1:" + EVENTS).getBytes(StandardCharsets.US_ASCII)));
            if (fault == Fault.FROZEN_WITH_READ_TIMEOUT) {
                // the database failed a commit: that poll was recorded as failed, naming the database
                assertThat(fixture.lastEventsFailure()).contains("the staging database jdbc:");
                assertThat(pollFailures(fixture)).isPositive();
            }
        }
    }

    private static double pollFailures(AgentFixture fixture) {
        MeterRegistry meters = fixture.camelContext().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        var counter = meters.find("sisbridge.poll.failures").tags("flow", "idme-events", "where", "staging-database").counter();
        return counter == null ? 0 : counter.count();
    }
}
