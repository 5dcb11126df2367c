package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.upstream.PollFailureRecorder;
import org.slf4j.LoggerFactory;

/** The events flow against an upstream that serves HTTPS with a certificate no public CA signed. */
class EventsOverHttpsTest {

    private static SimulatorSettings httpsFeed() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 150;
        s.https = true;
        return s;
    }

    @Test
    void eventsArePulledOverHttpsWithTheConfiguredTrustStore() throws Exception {
        try (AgentFixture fixture = new AgentFixture(httpsFeed(), TestDatabase.h2File("https-trusted"))
                .property("sisbridge.events.page-size", 50)) {
            assertThat(fixture.simulator.baseUrl()).startsWith("https://127.0.0.1:");
            fixture.start();
            fixture.awaitEventsCaughtUp();
            // the token came over the JDK client, the pages over Camel's https component: both trusted the store
            assertThat(fixture.simulator.counters().tokensIssued()).isEqualTo(1);
            assertThat(fixture.simulator.counters().eventRequests()).isGreaterThanOrEqualTo(3);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(150);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_checkpoint WHERE flow = 'idme-events'")).isEqualTo(1);
        }
    }

    @Test
    void withoutTheTrustStoreThePollStopsWithOneLineNamingTheKeyAndTheCursorStays() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger recorder = (Logger) LoggerFactory.getLogger(PollFailureRecorder.class);
        logs.start();
        recorder.addAppender(logs);
        try (AgentFixture fixture = new AgentFixture(httpsFeed(), TestDatabase.h2File("https-untrusted"))
                .property("sisbridge.upstream.trust-store", "")
                .property("sisbridge.events.poll-interval-ms", 60_000)) {
            fixture.start();
            // generous: once, on a machine at load 12, the first poll's line came after more than 20 s
            await().atMost(Duration.ofSeconds(45)).until(() -> fixture.lastEventsFailure() != null);

            assertThat(fixture.lastEventsFailure()).contains("certificate is not trusted", "sisbridge.upstream.trust-store");
            // not retried: a certificate does not become trusted by asking again
            assertThat(fixture.simulator.counters().tokensIssued()).isZero();
            assertThat(fixture.simulator.counters().eventRequests()).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_checkpoint")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isZero();
            assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("idme-events poll"))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                        assertThat(e.getFormattedMessage()).contains("certificate is not trusted", "set sisbridge.upstream.trust-store");
                    });
        } finally {
            recorder.detachAppender(logs);
        }
    }

    @Test
    void aTrustStoreThatCannotBeReadStopsStartUpNamingTheKey() throws Exception {
        try (AgentFixture fixture = new AgentFixture(httpsFeed(), TestDatabase.h2File("https-missing-store"))
                .property("sisbridge.upstream.trust-store", "target/no-such-truststore.p12")) {
            assertThatThrownBy(fixture::start).hasStackTraceContaining("sisbridge.upstream.trust-store names")
                    .hasStackTraceContaining("no-such-truststore.p12");
            assertThat(fixture.simulator.counters().tokensIssued()).isZero();
        }
    }
}
