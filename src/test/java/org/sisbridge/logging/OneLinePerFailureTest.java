package org.sisbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.RelayedDatabase;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.upstream.PollFailureRecorder;
import org.slf4j.LoggerFactory;

/**
 * A failed poll logs one plain line (docs/operations.md, "Stopping and logs"): an upstream 4xx, a 5xx after its retries, the
 * staging database down. Issue 11 found a FatalFallbackErrorHandler ERROR with two stack traces
 * ("Attempted read on closed stream") and a TimerConsumer WARN after each failed upstream poll, and a
 * raw Camel ERROR with a stack trace from the roster results timer while the database was down.
 * Each case lets several polls fail, so that whatever a poll logs after its own line is in.
 */
class OneLinePerFailureTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private List<ILoggingEvent> failurePeriod;
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    @Test
    void anUpstream4xxIsOneLinePerPoll() throws Exception {
        try (AgentFixture fixture = eventsOnly(TestDatabase.h2File("one-line-403"))) {
            fixture.simulator.faults().failNext(403, 1000);
            fixture.start();
            awaitFailedPolls(fixture, "idme-events", "upstream", 3);
            fixture.stopAgent();
        }
        assertOneLinePerFailedPoll("HTTP 403");
    }

    @Test
    void a5xxAfterItsRetriesIsOneLinePerPoll() throws Exception {
        try (AgentFixture fixture = eventsOnly(TestDatabase.h2File("one-line-503"))
                .property("sisbridge.upstream.retry.max-redeliveries", 2)) {
            fixture.simulator.faults().failNext(500, 1000);
            fixture.start();
            awaitFailedPolls(fixture, "idme-events", "upstream", 3);
            fixture.stopAgent();
        }
        assertOneLinePerFailedPoll("HTTP 500");
    }

    @Test
    void theDatabaseDownIsOneLinePerPollOfEachFlow() throws Exception {
        try (RelayedDatabase database = RelayedDatabase.create(DatabaseKind.H2, "one-line-db-down", false);
             AgentFixture fixture = new AgentFixture(feed(), database.relayed)
                     .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                     .property("sisbridge.roster.poll-interval-ms", 200).property("sisbridge.roster.initial-delay-ms", 0)
                     .property("sisbridge.roster.inbox-poll-interval-ms", 200)
                     .property("sisbridge.staging.connection-timeout-ms", 250)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            logs.list.clear();
            // the server goes away: open connections are reset, new ones refused
            database.proxy.close();
            awaitFailedPolls(fixture, "idme-events", "staging-database", 3);
            awaitFailedPolls(fixture, "roster-push", "staging-database", 3);
            awaitFailedPolls(fixture, "roster-results", "staging-database", 3);
            // what the pool says when the agent stops with its database gone is not about a poll
            failurePeriod = List.copyOf(logs.list);
            // the status page still answers, from this process's memory: each flow failing, naming the database
            org.apache.camel.Exchange request = new org.apache.camel.support.DefaultExchange(fixture.camelContext());
            fixture.camelContext().getRegistry().lookupByNameAndType("statusPage", org.sisbridge.watch.StatusPage.class)
                    .json(request);
            assertThat(request.getMessage().getBody(String.class))
                    .contains("\"flow\" : \"idme-events\"", "\"flow\" : \"roster-push\"", "\"flow\" : \"roster-results\"")
                    .contains("\"lastFailure\" : \"the staging database jdbc:h2:tcp://")
                    .contains("cannot be read");
            fixture.stopAgent();
        }
        assertOneLinePerFailedPoll("the staging database jdbc:h2:tcp://");
    }

    private static SimulatorSettings feed() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 50;
        return s;
    }

    private static AgentFixture eventsOnly(TestDatabase database) {
        return new AgentFixture(feed(), database)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false);
    }

    private static void awaitFailedPolls(AgentFixture fixture, String flow, String where, int polls) {
        MeterRegistry meters = fixture.camelContext().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Counter failures = meters.find("sisbridge.poll.failures").tags("flow", flow, "where", where).counter();
            return failures != null && failures.count() >= polls;
        });
    }

    /** Every WARN or ERROR line is a poll's own failure line: plain, with no stack trace. */
    private void assertOneLinePerFailedPoll(String naming) {
        List<ILoggingEvent> loud = (failurePeriod != null ? failurePeriod : List.copyOf(logs.list)).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(loud).as("failure lines").hasSizeGreaterThanOrEqualTo(3);
        assertThat(loud).allSatisfy(e -> {
            assertThat(e.getLoggerName()).as(e.getFormattedMessage()).isEqualTo(PollFailureRecorder.class.getName());
            assertThat(e.getThrowableProxy()).as("stack trace of: " + e.getFormattedMessage()).isNull();
            assertThat(e.getFormattedMessage()).contains(naming).doesNotContain("\n");
        });
    }
}
