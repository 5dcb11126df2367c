package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * An agent one can attach to (issue 14, section 3): Camel's developer console (/q/dev, Camel's path) and /observe/info on
 * the management port, behind the management token exactly like /observe/*.
 */
class AttachToAgentTest {

    private static final String TOKEN = "attach-token-4c9e2a";

    @Test
    void developerConsoleAndInfoAnswerWithTheTokenOnly() throws Exception {
        try (AgentFixture fixture = new AgentFixture(WatchEndpointTest.badInput(), TestDatabases.create(DatabaseKind.H2, "attach"))
                .property("sisbridge.reports.enabled", false).property("sisbridge.roster.enabled", false)) {
            SisbridgeAgent agent = fixture.start(b -> b.secrets(new SecretSource(Map.of(
                    "SISBRIDGE_CLIENT_SECRET", fixture.simulator.settings().clientSecret,
                    "SISBRIDGE_DB_PASSWORD", fixture.database.password(),
                    "SISBRIDGE_WATCH_TOKEN", TOKEN))));
            WatchClient anonymous = WatchClient.of(agent);
            WatchClient authorized = anonymous.withToken(TOKEN);

            for (String path : List.of("/observe/info", "/q/dev", "/q/dev/context")) {
                assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.withToken(TOKEN + "x").get(path).statusCode()).as(path).isEqualTo(401);
            }
            HttpResponse<String> info = authorized.get("/observe/info");
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains("sisbridge").contains("4.18");
            HttpResponse<String> routes = authorized.get("/q/dev/context");
            assertThat(routes.statusCode()).isEqualTo(200);
            assertThat(routes.body()).as(routes.body()).contains("sisbridge");
        }
    }
}
