package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.SimulatorTrustStore;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabases;

/**
 * An upstream whose certificate a private CA signed (the simulator's --https): with the trust store
 * configured, readiness and check trust it exactly as the flows do. Reproduced before: the flows
 * worked while readiness stayed 503 and check said ERROR.
 */
class UpstreamTrustEverywhereTest {

    private static SimulatorSettings https() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 20;
        s.https = true;
        return s;
    }

    @Test
    void readinessTrustsThePrivateCaTheFlowsTrust() throws Exception {
        try (AgentFixture fixture = new AgentFixture(https(), TestDatabases.create(DatabaseKind.H2, "watch-https"))
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false).property("sisbridge.watch.upstream-check-cache-ms", 0)) {
            WatchClient watch = WatchClient.of(fixture.start());
            fixture.awaitEventsCaughtUp(); // the flows trust the store

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> watch.get("/observe/health/ready").statusCode() == 200);
            HttpResponse<String> ready = watch.get("/observe/health/ready?exposureLevel=full");
            assertThat(WatchEndpointTest.compact(ready.body())).contains("{\"name\":\"upstream\",\"status\":\"UP\"");
        }
    }

    @Test
    void checkTrustsThePrivateCaTheFlowsTrust() {
        try (UpstreamSimulator simulator = UpstreamSimulator.start(https(), 0)) {
            SimulatorTrustStore trust = simulator.writeTrustStore(
                    AgentFixture.HOME.resolve("target/test-tls/" + java.util.UUID.randomUUID() + "/truststore.p12"));
            SiteConfig site = new SiteConfig(simulator, TestDatabases.create(DatabaseKind.H2, "check-https"))
                    .set("sisbridge.upstream.trust-store", trust.trustStore())
                    .set("sisbridge.upstream.trust-store-password-file", trust.passwordFile())
                    .set("sisbridge.watch.port", 0);

            Cli.Result result = Cli.run("check", "--config", site.write().toString());

            assertThat(result.out()).as(result.toString()).contains("OK    upstream reachable at " + simulator.baseUrl())
                    .doesNotContain("ERROR");
        }
    }
}
