package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.RequestRecord;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/** How the events flow meets the contract's error rules: 401, 429 + Retry-After, 5xx, 403. */
class UpstreamFailuresTest {

    private static SimulatorSettings smallFeed() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 120;
        return s;
    }

    @Test
    void a401LeadsToExactlyOneNewTokenAndThenSuccess() throws Exception {
        try (AgentFixture fixture = new AgentFixture(smallFeed(), TestDatabase.h2File("auth401"))
                .property("sisbridge.events.page-size", 50)) {
            fixture.simulator.faults().revokeAllTokens();
            fixture.simulator.faults().failNext(401, 1);
            fixture.start();
            fixture.awaitEventsCaughtUp();
            assertThat(fixture.simulator.counters().responses(401)).isEqualTo(1);
            assertThat(fixture.simulator.counters().tokensIssued()).isEqualTo(2);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(120);
        }
    }

    /** A 401 that a new token does not cure: one retry, then the poll's line, which no longer says "fetching a new token". */
    @Test
    void a401ThatANewTokenDoesNotCureStopsThePollWithALineThatStaysTrue() throws Exception {
        try (AgentFixture fixture = new AgentFixture(smallFeed(), TestDatabase.h2File("auth401-twice"))
                .property("sisbridge.events.poll-interval-ms", 600_000)) {
            fixture.simulator.faults().failNext(401, 2);
            fixture.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> fixture.lastEventsFailure() != null);
            assertThat(fixture.lastEventsFailure()).contains("answered HTTP 401", "the access token was refused")
                    .doesNotContain("fetching a new token");
            assertThat(fixture.simulator.counters().responses(401)).isEqualTo(2);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isZero();
        }
    }

    @Test
    void earlyExpiringTokensAreReplacedAndNothingIsLost() throws Exception {
        SimulatorSettings s = smallFeed();
        s.tokenActualLifetimeSeconds = 1;
        s.slowResponseRate = 1.0;
        s.slowResponseMillis = 300;
        try (AgentFixture fixture = new AgentFixture(s, TestDatabase.h2File("auth-expiry"))
                .property("sisbridge.events.page-size", 10)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            assertThat(fixture.simulator.counters().responses(401)).isPositive();
            assertThat(fixture.simulator.counters().tokensIssued()).isGreaterThan(1);
            // every 401 was cured by one new token: no poll had to give up
            assertThat(fixture.lastEventsFailure()).isNull();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(120);
        }
    }

    @Test
    void a429WithRetryAfterIsHonoured() throws Exception {
        try (AgentFixture fixture = new AgentFixture(smallFeed(), TestDatabase.h2File("rate429"))) {
            fixture.simulator.faults().failNextWithRetryAfter(429, 2, 1);
            fixture.start();
            fixture.awaitEventsCaughtUp();
            List<RequestRecord> log = fixture.simulator.counters().eventRequestLog();
            assertThat(log.get(0).status()).isEqualTo(429);
            assertThat(log.get(1).status()).isEqualTo(200);
            // the configured backoff is 20 ms; only Retry-After explains a 2 s wait
            assertThat(Duration.between(log.get(0).receivedAt(), log.get(1).receivedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1950));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(120);
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheySucceed() throws Exception {
        try (AgentFixture fixture = new AgentFixture(smallFeed(), TestDatabase.h2File("errors5xx"))) {
            fixture.simulator.faults().failNext(500, 3);
            fixture.start();
            fixture.awaitEventsCaughtUp();
            List<RequestRecord> log = fixture.simulator.counters().eventRequestLog();
            assertThat(log).extracting(RequestRecord::status).startsWith(500, 500, 500, 200);
            // exponential: 20 ms, 40 ms, 80 ms between the attempts
            assertThat(Duration.between(log.get(2).receivedAt(), log.get(3).receivedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(75));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(120);
        }
    }

    @Test
    void persistentServerErrorsEndThePollAfterTheConfiguredRetriesWithTheCursorUnmoved() throws Exception {
        try (AgentFixture fixture = new AgentFixture(smallFeed(), TestDatabase.h2File("errors-persistent"))
                .property("sisbridge.upstream.retry.max-redeliveries", 3)
                .property("sisbridge.events.poll-interval-ms", 60_000)) {
            fixture.simulator.faults().failNext(503, 100);
            fixture.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lastEventsFailure() != null);
            // one try and three retries, then the poll ended; the next poll is a minute away
            assertThat(fixture.simulator.counters().eventRequests()).isEqualTo(4);
            assertThat(fixture.lastEventsFailure()).contains("503");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_checkpoint")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isZero();
        }
    }

    @Test
    void a403StopsThePollAndLeavesTheCursorWhereItWas() throws Exception {
        try (AgentFixture fixture = new AgentFixture(smallFeed(), TestDatabase.h2File("forbidden403"))
                .property("sisbridge.events.page-size", 50)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            Object cursor = fixture.db().single("SELECT cursor_value FROM sisbridge_checkpoint WHERE flow = 'idme-events'");
            fixture.stopAgent();

            fixture.simulator.faults().failNext(403, 1);
            long requests = fixture.simulator.counters().eventRequests();
            // one poll only: the next is a minute away
            fixture.property("sisbridge.events.initial-delay-ms", 500).property("sisbridge.events.poll-interval-ms", 60_000);
            NotifyBuilder firstPoll = new NotifyBuilder(fixture.start().camelContext())
                    .fromRoute("idme-events-poll").whenDone(1).create();
            assertThat(firstPoll.matches(20, TimeUnit.SECONDS)).isTrue();
            assertThat(fixture.lastEventsFailure()).contains("403");
            // the 403 was not retried: that poll made exactly one request
            assertThat(fixture.simulator.counters().eventRequests()).isEqualTo(requests + 1);
            assertThat(fixture.simulator.counters().eventRequestLog().get((int) requests).status()).isEqualTo(403);
            assertThat(fixture.db().single("SELECT cursor_value FROM sisbridge_checkpoint WHERE flow = 'idme-events'"))
                    .isEqualTo(cursor);
        }
    }
}
