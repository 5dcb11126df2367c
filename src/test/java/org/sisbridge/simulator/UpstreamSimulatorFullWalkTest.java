package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pages through a whole feed over HTTP, as the agent will, and compares with what the feed promises. */
class UpstreamSimulatorFullWalkTest {

    @Test
    void aFullWalkDeliversExactlyTheExpectedEvents() {
        SimulatorSettings s = SimulatorSettings.demo();
        s.misCodes = List.of("111", "222");
        s.slowResponseRate = 0;
        s.http500Rate = 0;
        s.http503Rate = 0;
        s.http429Rate = 0;
        try (UpstreamSimulator simulator = UpstreamSimulator.start(s, 0)) {
            SimulatorClient client = new SimulatorClient(simulator);
            String token = client.token();
            Set<String> distinctIds = new HashSet<>();
            Map<EventAnomaly, Long> byAnomaly = new EnumMap<>(EventAnomaly.class);
            long served = 0;
            String cursor = null;
            boolean more = true;
            while (more) {
                HttpResponse<String> response = client.events(token, "222", cursor, 250);
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode page = SimulatorClient.json(response);
                for (JsonNode event : page.get("events")) {
                    served++;
                    if (distinctIds.add(event.get("eventId").asText())) {
                        byAnomaly.merge(WireEventClassifier.classify(event, Set.copyOf(s.misCodes)), 1L, Long::sum);
                    }
                }
                cursor = page.get("nextCursor").asText();
                more = page.get("hasMore").asBoolean();
            }

            FeedExpectation expected = simulator.feed().expectation("222");
            assertThat(distinctIds).hasSize((int) expected.distinctEvents());
            assertThat(served).isEqualTo(expected.totalServed());
            for (EventAnomaly a : EventAnomaly.values()) {
                assertThat(byAnomaly.getOrDefault(a, 0L)).as(a.name()).isEqualTo(expected.count(a));
            }
            assertThat(simulator.counters().eventsServed()).isEqualTo(served);
            assertThat(simulator.counters().redeliveredCopiesServed()).isEqualTo(expected.redeliveredCopies());

            JsonNode end = SimulatorClient.json(client.events(token, "222", cursor, 250));
            assertThat(end.get("events")).isEmpty();
            assertThat(end.get("hasMore").asBoolean()).isFalse();
            assertThat(end.get("nextCursor").asText()).isEqualTo(cursor);
        }
    }

    @Test
    void theSameCursorGivesTheSamePageAgain() {
        try (UpstreamSimulator simulator = UpstreamSimulator.start(SimulatorSettings.demo(), 0)) {
            SimulatorClient client = new SimulatorClient(simulator);
            String token = client.token();
            String cursor = nextCursor(client, token, null);
            String first = bodyWithRetries(client, token, cursor);
            assertThat(bodyWithRetries(client, token, cursor)).isEqualTo(first);
        }
    }

    private static String nextCursor(SimulatorClient client, String token, String cursor) {
        return SimulatorClient.json(responseOk(client, token, cursor)).get("nextCursor").asText();
    }

    private static String bodyWithRetries(SimulatorClient client, String token, String cursor) {
        return responseOk(client, token, cursor).body();
    }

    /** The demo preset misbehaves now and then; retry like a client would. */
    private static HttpResponse<String> responseOk(SimulatorClient client, String token, String cursor) {
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> response = client.events(token, "111", cursor, 100);
            if (response.statusCode() == 200) {
                return response;
            }
        }
        throw new AssertionError("no 200 in 20 attempts");
    }
}
