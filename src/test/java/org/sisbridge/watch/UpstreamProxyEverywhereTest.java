package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.SimulatorTrustStore;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.ForwardProxy;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The college reaches the internet only through its proxy (issue 14, section 4): the flows
 * (camel-http, which ignores the JVM's proxy settings), the token request, readiness and check all
 * go through the sisbridge.upstream.proxy-* keys. Reproduced before: the flows connected directly,
 * so with an upstream only the proxy can reach (a ".invalid" host name) nothing worked.
 */
class UpstreamProxyEverywhereTest {

    private static final String USER = "college-agent";
    private static final String PASSWORD = "proxy-pass";

    private static SimulatorSettings simulator(boolean https) {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 20;
        s.https = https;
        return s;
    }

    private static Path passwordFile(String password) throws Exception {
        Path file = AgentFixture.HOME.resolve("target/test-proxy/" + UUID.randomUUID() + "/proxy-password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, password + "\n");
        return file;
    }

    private static AgentFixture agentThrough(ForwardProxy proxy, SimulatorSettings settings, String password) throws Exception {
        AgentFixture fixture = new AgentFixture(settings, TestDatabases.create(DatabaseKind.H2, "proxy"));
        return fixture.property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false).property("sisbridge.watch.upstream-check-cache-ms", 0)
                .property("sisbridge.upstream.proxy-host", "127.0.0.1")
                .property("sisbridge.upstream.proxy-port", proxy.port())
                .property("sisbridge.upstream.proxy-username", USER)
                .property("sisbridge.upstream.proxy-password-env", SiteConfig.UNSET_VARIABLE)
                .property("sisbridge.upstream.proxy-password-file", passwordFile(password));
    }

    /** An upstream whose name only the proxy resolves: whatever reaches it went through the proxy. */
    private static String onlyViaProxy(UpstreamSimulator simulator) {
        return simulator.baseUrl().replace("127.0.0.1", "upstream.invalid").replace("localhost", "upstream.invalid");
    }

    private static SiteConfig site(UpstreamSimulator simulator, ForwardProxy proxy, String password, String baseUrl) {
        SiteConfig site = new SiteConfig(simulator, TestDatabases.create(DatabaseKind.H2, "check-proxy"))
                .set("sisbridge.upstream.base-url", baseUrl)
                .set("sisbridge.upstream.allow-plain-http", true)
                .set("sisbridge.upstream.proxy-host", "127.0.0.1")
                .set("sisbridge.upstream.proxy-port", proxy.port())
                .set("sisbridge.upstream.proxy-username", USER)
                .set("sisbridge.upstream.proxy-password-env", SiteConfig.UNSET_VARIABLE)
                .set("sisbridge.watch.port", 0);
        return site.set("sisbridge.upstream.proxy-password-file", site.secretFile("proxy-password", password, "rw-------"));
    }

    @Test
    void flowsTokenReadinessAndCheckAllGoThroughTheProxy() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.withLogin(USER, PASSWORD);
             AgentFixture fixture = agentThrough(proxy, simulator(false), PASSWORD)) {
            String baseUrl = onlyViaProxy(fixture.simulator);
            fixture.property("sisbridge.upstream.base-url", baseUrl).property("sisbridge.upstream.allow-plain-http", true);
            WatchClient watch = WatchClient.of(fixture.start());

            fixture.awaitEventsCaughtUp();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> watch.get("/observe/health/ready").statusCode() == 200);

            assertThat(proxy.forwardedAny("POST " + baseUrl + "/oauth2/token")).as(proxy.forwarded().toString()).isTrue();
            assertThat(proxy.forwardedAny("GET " + baseUrl + "/v1/colleges/")).as(proxy.forwarded().toString()).isTrue();
            assertThat(proxy.forwardedAny("GET " + baseUrl + "/v1/health")).as(proxy.forwarded().toString()).isTrue();

            int before = proxy.forwarded().size();
            Cli.Result check = Cli.run("check", "--config", site(fixture.simulator, proxy, PASSWORD, baseUrl).write().toString());
            assertThat(check.out()).as(check.toString())
                    .contains("OK    upstream reachable at " + baseUrl + " through the proxy 127.0.0.1:" + proxy.port());
            assertThat(proxy.forwarded().subList(before, proxy.forwarded().size())).anyMatch(l -> l.endsWith("/oauth2/token"));
        }
    }

    @Test
    void httpsGoesThroughTheProxysTunnelWithItsLogin() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.withLogin(USER, PASSWORD);
             AgentFixture fixture = agentThrough(proxy, simulator(true), PASSWORD)) {
            WatchClient watch = WatchClient.of(fixture.start());

            fixture.awaitEventsCaughtUp();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> watch.get("/observe/health/ready").statusCode() == 200);

            // three clients, three tunnels at least: the token request, the flows, readiness
            String authority = fixture.simulator.baseUrl().replaceFirst("https://", "");
            assertThat(proxy.forwarded()).as("tunnels").filteredOn(l -> l.equals("CONNECT " + authority)).hasSizeGreaterThanOrEqualTo(3);
            assertThat(proxy.refused()).as("each client answered the proxy's challenge").isPositive();
        }
    }

    @Test
    void aWrongProxyPasswordIsOneClearLineEverywhere() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.withLogin(USER, PASSWORD);
             AgentFixture fixture = agentThrough(proxy, simulator(false), "not-the-password")) {
            String baseUrl = onlyViaProxy(fixture.simulator);
            fixture.property("sisbridge.upstream.base-url", baseUrl).property("sisbridge.upstream.allow-plain-http", true);
            WatchClient watch = WatchClient.of(fixture.start());
            String expected = "the proxy 127.0.0.1:" + proxy.port() + " refused the proxy credentials (HTTP 407)";

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> fixture.lastEventsFailure() != null);
            assertThat(fixture.lastEventsFailure()).contains(expected).doesNotContain("\n").doesNotContain("not-the-password");
            assertThat(WatchEndpointTest.compact(watch.get("/observe/health/ready?exposureLevel=full").body()))
                    .contains(expected);

            Cli.Result check = Cli.run("check", "--config",
                    site(fixture.simulator, proxy, "not-the-password", baseUrl).write().toString());
            assertThat(check.out()).as(check.toString()).containsOnlyOnce("ERROR").contains(expected)
                    .doesNotContain("not-the-password");
            assertThat(check.out().lines().filter(l -> l.contains(expected))).hasSize(1);
        }
    }
}
