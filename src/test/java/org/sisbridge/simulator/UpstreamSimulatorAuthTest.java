package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamSimulatorAuthTest {
    private UpstreamSimulator simulator;
    private SimulatorClient client;

    private void start(SimulatorSettings settings) {
        simulator = UpstreamSimulator.start(settings, 0);
        client = new SimulatorClient(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void issuesBearerTokensForTheConfiguredClientOnly() {
        start(new SimulatorSettings());
        HttpResponse<String> ok = client.requestToken("sisbridge-demo", "demo-secret");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = SimulatorClient.json(ok);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("access_token").asText()).isNotBlank();

        HttpResponse<String> wrong = client.requestToken("sisbridge-demo", "guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(SimulatorClient.json(wrong).at("/error/code").asText()).isEqualTo("invalid_client");
        assertThat(simulator.counters().tokensIssued()).isEqualTo(1);
        assertThat(simulator.counters().responses(401)).isEqualTo(1);
    }

    @Test
    void eventsNeedAValidToken() {
        start(new SimulatorSettings());
        assertThat(client.events(null, "111", null, 10).statusCode()).isEqualTo(401);
        assertThat(client.events("made-up", "111", null, 10).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = client.events(client.token(), "111", null, 10);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(SimulatorClient.json(ok).get("events")).hasSize(10);
    }

    @Test
    void tokensThatLiveShorterThanAdvertisedAreRefused() {
        SimulatorSettings s = new SimulatorSettings();
        s.tokenActualLifetimeSeconds = 0;
        start(s);
        HttpResponse<String> response = client.events(client.token(), "111", null, 10);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(SimulatorClient.json(response).at("/error/code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void aTokenStopsWorkingWhenItsRealLifetimeEnds() {
        SimulatorSettings s = new SimulatorSettings();
        s.tokenActualLifetimeSeconds = 1;
        start(s);
        HttpResponse<String> issued = client.requestToken("sisbridge-demo", "demo-secret");
        assertThat(SimulatorClient.json(issued).get("expires_in").asInt()).isEqualTo(3600);
        String token = SimulatorClient.json(issued).get("access_token").asText();
        assertThat(client.events(token, "111", null, 1).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.events(token, "111", null, 1).statusCode() == 401);
    }

    @Test
    void revokedTokensAreRefusedAndNewOnesWork() {
        start(new SimulatorSettings());
        String old = client.token();
        assertThat(client.events(old, "111", null, 1).statusCode()).isEqualTo(200);
        simulator.faults().revokeAllTokens();
        assertThat(client.events(old, "111", null, 1).statusCode()).isEqualTo(401);
        assertThat(client.events(client.token(), "111", null, 1).statusCode()).isEqualTo(200);
    }

    @Test
    void aMisCodeThisClientDoesNotServeIsForbidden() {
        start(new SimulatorSettings());
        HttpResponse<String> response = client.events(client.token(), "861", null, 10);
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = SimulatorClient.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("forbidden");
        assertThat(error.get("details").isArray()).isTrue();
    }

    @Test
    void badLimitsAndCursorsAreClientErrors() {
        start(new SimulatorSettings());
        String token = client.token();
        assertThat(client.events(token, "111", null, 0).statusCode()).isEqualTo(400);
        assertThat(client.events(token, "111", null, 1001).statusCode()).isEqualTo(400);
        assertThat(client.events(token, "111", "garbage!", 10).statusCode()).isEqualTo(400);
        assertThat(SimulatorClient.json(client.events(token, "111", null, null)).get("events")).hasSize(500);
    }

    @Test
    void healthNeedsNoTokenAndUnknownPathsAre404() {
        start(new SimulatorSettings());
        HttpResponse<String> health = client.get(simulator.baseUrl() + "/v1/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(SimulatorClient.json(health).get("status").asText()).isEqualTo("UP");
        HttpResponse<String> missing = client.get(simulator.baseUrl() + "/v1/nothing", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(SimulatorClient.json(missing).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port());
    }
}
