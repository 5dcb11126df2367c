package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamSimulatorFaultsTest {
    private UpstreamSimulator simulator;
    private SimulatorClient client;

    private String start(SimulatorSettings settings) {
        simulator = UpstreamSimulator.start(settings, 0);
        client = new SimulatorClient(simulator);
        return client.token();
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void scriptedFaultsComeInOrderThenNormalService() {
        String token = start(new SimulatorSettings());
        simulator.faults().failNextWithRetryAfter(429, 7, 1);
        simulator.faults().failNext(500, 2);
        simulator.faults().failNext(503, 1);

        HttpResponse<String> throttled = client.events(token, "111", null, 5);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("7");
        assertThat(SimulatorClient.json(throttled).at("/error/code").asText()).isEqualTo("too_many_requests");
        assertThat(client.events(token, "111", null, 5).statusCode()).isEqualTo(500);
        assertThat(client.events(token, "111", null, 5).statusCode()).isEqualTo(500);
        HttpResponse<String> unavailable = client.events(token, "111", null, 5);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("1");
        assertThat(client.events(token, "111", null, 5).statusCode()).isEqualTo(200);

        List<Integer> statuses = simulator.counters().eventRequestLog().stream().map(RequestRecord::status).toList();
        assertThat(statuses).containsExactly(429, 500, 500, 503, 200);
        assertThat(simulator.counters().eventRequests()).isEqualTo(5);
        assertThat(simulator.counters().eventsServed()).isEqualTo(5);
        assertThat(simulator.counters().eventRequestLog().get(0).query()).isEqualTo("limit=5");
    }

    @Test
    void scriptedDelaysSlowTheAnswerDown() {
        String token = start(new SimulatorSettings());
        simulator.faults().delayNext(300, 1);
        long started = System.nanoTime();
        assertThat(client.events(token, "111", null, 5).statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(simulator.faults().pending()).isZero();
    }

    @Test
    void randomHttpFaultsFollowTheirRatesAndCarryRetryAfter() {
        SimulatorSettings s = new SimulatorSettings();
        s.http500Rate = 0.1;
        s.http503Rate = 0.1;
        s.http429Rate = 0.1;
        s.retryAfterSeconds = 2;
        String token = start(s);
        int[] byStatus = new int[600];
        for (int i = 0; i < 400; i++) {
            HttpResponse<String> r = client.events(token, "111", null, 1);
            byStatus[r.statusCode()]++;
            if (r.statusCode() == 429 || r.statusCode() == 503) {
                assertThat(r.headers().firstValue("Retry-After")).contains("2");
            }
        }
        for (int status : new int[] {500, 503, 429}) {
            assertThat(byStatus[status]).as("HTTP %d", status).isBetween(20, 65); // 10% of 400 = 40
        }
        assertThat(simulator.counters().responses(200)).isEqualTo(byStatus[200] + 1); // + the token response
    }

    @Test
    void randomFaultsRepeatForTheSameSeed() {
        SimulatorSettings s = new SimulatorSettings();
        s.http500Rate = 0.3;
        String token = start(s);
        List<Integer> first = statuses(token, 40);
        simulator.close();
        token = start(s);
        assertThat(statuses(token, 40)).isEqualTo(first).contains(500, 200);
    }

    @Test
    void countersReset() {
        String token = start(new SimulatorSettings());
        client.events(token, "111", null, 5);
        simulator.counters().reset();
        assertThat(simulator.counters().eventRequests()).isZero();
        assertThat(simulator.counters().eventsServed()).isZero();
        assertThat(simulator.counters().eventRequestLog()).isEmpty();
    }

    private List<Integer> statuses(String token, int requests) {
        return java.util.stream.IntStream.range(0, requests)
                .mapToObj(i -> client.events(token, "111", null, 1).statusCode()).toList();
    }
}
