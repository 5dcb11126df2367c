package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/** Bound beyond this machine, the endpoint needs a token, and then every request must carry it. */
class WatchTokenTest {

    private static final String TOKEN = "watch-token-7f3a9c1e5b";
    private static final List<String> PATHS = List.of("/", "/status", "/status.json", "/reconcile-conflicts.csv", "/observe/health",
            "/observe/health/ready", "/observe/metrics");

    @Test
    void startUpFailsWhenTheEndpointIsReachableFromOtherMachinesWithoutAToken() throws Exception {
        try (AgentFixture fixture = new AgentFixture(WatchEndpointTest.badInput(), TestDatabases.create(DatabaseKind.H2, "watch-no-token"))
                .property("sisbridge.watch.host", "0.0.0.0")) {
            assertThatThrownBy(fixture::start).hasStackTraceContaining("sisbridge.watch.host is 0.0.0.0")
                    .hasStackTraceContaining("no management token is set");
        }
    }

    @Test
    void withATokenEveryRequestWithoutItOrWithAnotherIsRefused() throws Exception {
        String host = nonLoopbackAddress();
        try (AgentFixture fixture = new AgentFixture(WatchEndpointTest.badInput(), TestDatabases.create(DatabaseKind.H2, "watch-token"))
                .property("sisbridge.watch.host", host)
                // the token alone (staff pages beyond loopback need TLS: StaffPagesHttpTest, ExposureRules)
                .property("sisbridge.watch.staff-pages-enabled", false)) {
            SisbridgeAgent agent = fixture.start(b -> b.secrets(new SecretSource(Map.of(
                    "SISBRIDGE_CLIENT_SECRET", fixture.simulator.settings().clientSecret,
                    "SISBRIDGE_DB_PASSWORD", fixture.database.password(),
                    "SISBRIDGE_WATCH_TOKEN", TOKEN))));
            WatchClient anonymous = WatchClient.of(agent);
            assertThat(anonymous.baseUrl()).doesNotContain("localhost");

            for (String path : PATHS) {
                HttpResponse<String> refused = anonymous.get(path);
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"sisbridge\"");
                assertThat(anonymous.withToken(TOKEN + "x").get(path).statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.withToken(TOKEN.substring(1)).get(path).statusCode()).as(path).isEqualTo(401);
            }
            WatchClient authorized = anonymous.withToken(TOKEN);
            HttpResponse<String> metrics = authorized.get("/observe/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("sisbridge_records_stored_total");
            assertThat(authorized.get("/observe/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> page = authorized.get("/status");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<h1>sisbridge status</h1>");
            // the page answers with its own headers only: the request's token is not echoed back
            assertThat(page.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization"));
            assertThat(page.body()).doesNotContain(TOKEN);
            // the conflicts CSV is guarded exactly as status.json: with the token it downloads
            HttpResponse<String> csv = authorized.get("/reconcile-conflicts.csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body()).startsWith("mis_code,local_id,");
        }
    }

    /** This machine's first non-loopback IPv4 address, or 0.0.0.0 (every address) when it has none. */
    private static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        return "0.0.0.0";
    }
}
