package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.FreezableTcpProxy;
import org.sisbridge.testsupport.TestDatabase;

/**
 * A flow stuck in an upstream call past its deadline turns readiness DOWN, naming the flow, and UP
 * again once the call lets go. Here the upstream (through a relay) stops answering between two
 * pages, before any header of the next one: a wait only the per-read response timeout ends.
 */
class StuckCallReadinessTest {

    @Test
    void aFlowStuckPastItsDeadlineTurnsReadinessDownNamingIt() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 120;
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabase.h2File("stuck-call"));
             FreezableTcpProxy relay = FreezableTcpProxy.to("127.0.0.1", URI.create(fixture.simulator.baseUrl()).getPort())) {
            fixture.property("sisbridge.upstream.base-url", "http://127.0.0.1:" + relay.port())
                    .property("sisbridge.events.page-size", 50)
                    .property("sisbridge.events.poll-interval-ms", 1000)
                    .property("sisbridge.upstream.retry.max-redeliveries", 0)
                    .property("sisbridge.upstream.call-timeout-ms", 1000)
                    .property("sisbridge.upstream.response-timeout-ms", 6000)
                    // readiness also probes the (frozen) upstream: that probe must not hold the answer long
                    .property("sisbridge.upstream.connect-timeout-ms", 1000)
                    .property("sisbridge.watch.stuck-call-grace-ms", 500)
                    .property("sisbridge.reports.enabled", false)
                    .property("sisbridge.roster.enabled", false);
            SisbridgeAgent agent = fixture.start();
            fixture.awaitEventsCaughtUp();
            WatchClient watch = WatchClient.of(agent);
            assertThat(compact(watch.get("/observe/health/ready?exposureLevel=full").body()))
                    .contains("{\"name\":\"upstream-calls\",\"status\":\"UP\"}");

            relay.freeze(); // the next poll's request goes out, and no answer ever comes back
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(compact(watch.get("/observe/health/ready?exposureLevel=full", Duration.ofSeconds(5)).body()))
                            .contains("\"name\":\"upstream-calls\",\"status\":\"DOWN\"",
                                    compact("flow idme-events (111) stuck in GET events for MIS 111")));
            // the response timeout ends the wait: the call is over, and readiness says so
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(compact(watch.get("/observe/health/ready?exposureLevel=full", Duration.ofSeconds(5)).body()))
                            .contains("{\"name\":\"upstream-calls\",\"status\":\"UP\"}"));
            assertThat(fixture.lastEventsFailure()).isNotNull();
        }
    }

    private static String compact(String json) {
        return json.replaceAll("\\s+", "");
    }
}
