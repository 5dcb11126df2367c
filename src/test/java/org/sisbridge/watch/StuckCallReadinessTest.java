package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.CallsInProgress;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.FreezableTcpProxy;
import org.sisbridge.testsupport.SettableClock;
import org.sisbridge.testsupport.TestDatabase;

/**
 * Readiness names a flow stuck in an upstream call past its deadline, and is UP again once the call
 * lets go. Since the call's deadline covers the answer's headers too, an upstream that stops answering
 * no longer holds a call past it: the end-to-end case shows the call ending at its deadline, and the
 * check itself is driven by a clock (a call the deadline could not reach, as a connect to a silent
 * address longer than sisbridge.upstream.connect-timeout-ms allows, is what it is left for).
 */
class StuckCallReadinessTest {

    @Test
    void aCallPastItsDeadlineAndGraceTurnsReadinessDownNamingItUntilItEnds() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-30T12:00:00Z"));
        CallsInProgress calls = new CallsInProgress(clock);
        StuckCallsHealthCheck check = new StuckCallsHealthCheck(calls, Duration.ofMillis(500));
        CallsInProgress.Call call = calls.begin("idme-events", "111", "GET events for MIS 111", Duration.ofSeconds(1), "exchange-1");

        clock.advance(Duration.ofMillis(1500)); // at the deadline and its grace: not yet
        assertThat(check.call(Map.of()).getState()).isEqualTo(HealthCheck.State.UP);

        clock.advance(Duration.ofMillis(1));
        HealthCheck.Result stuck = check.call(Map.of());
        assertThat(stuck.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(stuck.getMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("flow idme-events (111) stuck in GET events for MIS 111", "past its deadline 2026-11-30T12:00:01Z"));

        call.end();
        assertThat(check.call(Map.of()).getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void anUpstreamThatStopsAnsweringEndsTheCallAtItsDeadlineAndReadinessStaysUp() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 120;
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabase.h2File("stuck-call"));
             FreezableTcpProxy relay = FreezableTcpProxy.to("127.0.0.1", URI.create(fixture.simulator.baseUrl()).getPort())) {
            fixture.property("sisbridge.upstream.base-url", "http://127.0.0.1:" + relay.port())
                    .property("sisbridge.upstream.token-url", fixture.simulator.baseUrl() + "/oauth2/token")
                    .property("sisbridge.events.page-size", 50)
                    .property("sisbridge.events.poll-interval-ms", 60_000)
                    .property("sisbridge.upstream.retry.max-redeliveries", 0)
                    .property("sisbridge.upstream.call-timeout-ms", 1000)
                    // the per-read timeout alone would hold the call for 30 s
                    .property("sisbridge.upstream.response-timeout-ms", 30_000)
                    .property("sisbridge.upstream.connect-timeout-ms", 1000)
                    .property("sisbridge.watch.stuck-call-grace-ms", 500)
                    .property("sisbridge.reports.enabled", false)
                    .property("sisbridge.roster.enabled", false);
            relay.freeze(); // the first poll's request goes out, and no answer ever comes back
            long started = System.nanoTime();
            SisbridgeAgent agent = fixture.start();

            await().atMost(Duration.ofSeconds(15)).until(() -> fixture.lastEventsFailure() != null);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(fixture.lastEventsFailure()).contains("GET events for MIS 111: the answer's header block was not complete within 1000 ms");
            WatchClient watch = WatchClient.of(agent);
            assertThat(compact(watch.get("/observe/health/ready?exposureLevel=full", Duration.ofSeconds(5)).body()))
                    .contains("{\"name\":\"upstream-calls\",\"status\":\"UP\"}");
        }
    }

    private static String compact(String json) {
        return json.replaceAll("\\s+", "");
    }
}
