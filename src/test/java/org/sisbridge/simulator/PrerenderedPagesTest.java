package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark's pre-rendered events pages: a client walking the feed is given, page by page,
 * exactly the bytes (status, headers, body) the normal path gives, and anything the pages were not
 * rendered for is answered the normal way.
 */
class PrerenderedPagesTest {

    /** The demo's small feed (redeliveries, every anomaly); at limit 1 a redelivered copy opens the next page. */
    private static SimulatorSettings settings() {
        SimulatorSettings s = SimulatorSettings.demo();
        s.eventsPerMisCode = 200;
        s.misCodes = List.of("111", "222");
        // no random HTTP faults: each walk is compared page by page, and both must be answered
        s.http500Rate = 0;
        s.http503Rate = 0;
        s.http429Rate = 0;
        s.slowResponseRate = 0;
        return s;
    }

    private static SimulatorSettings prerendered(SimulatorSettings s, int limit) {
        SimulatorSettings c = s.copy();
        c.prerenderPageSize = limit;
        return c;
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 7, 50, 1000})
    void everyPageOfAWalkIsByteForByteWhatTheNormalPathSends(int limit) throws IOException {
        try (UpstreamSimulator normal = UpstreamSimulator.start(settings(), 0);
             UpstreamSimulator ready = UpstreamSimulator.start(prerendered(settings(), limit), 0)) {
            SimulatorClient normalClient = new SimulatorClient(normal);
            SimulatorClient readyClient = new SimulatorClient(ready);
            String normalToken = normalClient.token();
            String readyToken = readyClient.token();
            long requests = 0;
            boolean copyPendingCursorSeen = false;
            for (String misCode : settings().misCodes) {
                String cursor = null;
                while (true) {
                    HttpResponse<byte[]> expected = normalClient.eventsBytes(normalToken, misCode, cursor, limit);
                    HttpResponse<byte[]> actual = readyClient.eventsBytes(readyToken, misCode, cursor, limit);
                    requests++;
                    assertSameAnswer(actual, expected);
                    JsonNode page = SimulatorClient.JSON.readTree(expected.body());
                    copyPendingCursorSeen |= cursor != null && FeedCursor.decode(cursor, settings().eventsPerMisCode).orElseThrow().copyPending();
                    if (page.get("events").isEmpty()) {
                        break; // the caught-up answer, given again on every later poll
                    }
                    cursor = page.get("nextCursor").asText();
                }
                // polling again once caught up: the same answer again
                assertSameAnswer(readyClient.eventsBytes(readyToken, misCode, cursor, limit),
                        normalClient.eventsBytes(normalToken, misCode, cursor, limit));
                requests++;
            }
            assertThat(ready.counters().prerenderedPagesServed()).isEqualTo(requests);
            assertThat(ready.prerenderedPages().pageCount()).isEqualTo((int) (requests - settings().misCodes.size()));
            assertThat(ready.counters().eventsServed()).isEqualTo(normal.counters().eventsServed());
            assertThat(ready.counters().redeliveredCopiesServed()).isEqualTo(normal.counters().redeliveredCopiesServed())
                    .isPositive();
            if (limit == 1) {
                assertThat(copyPendingCursorSeen).as("a cursor with a pending redelivered copy").isTrue();
            }
        }
    }

    @Test
    void anotherLimitOrCursorAndInjectedFaultsGoTheNormalWay() throws IOException {
        try (UpstreamSimulator normal = UpstreamSimulator.start(settings(), 0);
             UpstreamSimulator ready = UpstreamSimulator.start(prerendered(settings(), 50), 0)) {
            SimulatorClient normalClient = new SimulatorClient(normal);
            SimulatorClient readyClient = new SimulatorClient(ready);
            String normalToken = normalClient.token();
            String readyToken = readyClient.token();
            // a cursor the walk at limit 50 never hands out, and a limit it was not rendered for
            String elsewhere = FeedCursor.encode(new FeedPosition(33, false));
            assertSameAnswer(readyClient.eventsBytes(readyToken, "111", elsewhere, 50),
                    normalClient.eventsBytes(normalToken, "111", elsewhere, 50));
            assertSameAnswer(readyClient.eventsBytes(readyToken, "111", null, 40),
                    normalClient.eventsBytes(normalToken, "111", null, 40));
            assertThat(ready.counters().prerenderedPagesServed()).isZero();

            ready.faults().failNext(503, 1);
            assertThat(readyClient.eventsBytes(readyToken, "111", null, 50).statusCode()).isEqualTo(503);
            assertThat(readyClient.eventsBytes(null, "111", null, 50).statusCode()).isEqualTo(401);
            assertThat(readyClient.eventsBytes(readyToken, "999", null, 50).statusCode()).isEqualTo(403);
            assertThat(ready.counters().prerenderedPagesServed()).isZero();
            assertThat(readyClient.eventsBytes(readyToken, "111", null, 50).statusCode()).isEqualTo(200);
            assertThat(ready.counters().prerenderedPagesServed()).isOne();
        }
    }

    @Test
    void hostileAnswersAreMadeAsAskedForNotTakenFromThePages() throws IOException {
        SimulatorSettings s = prerendered(settings(), 50);
        s.hostile.oversizedPageExtraEvents = 3;
        try (UpstreamSimulator ready = UpstreamSimulator.start(s, 0)) {
            SimulatorClient client = new SimulatorClient(ready);
            HttpResponse<byte[]> page = client.eventsBytes(client.token(), "111", null, 50);
            assertThat(SimulatorClient.JSON.readTree(page.body()).get("events")).hasSize(53);
            assertThat(ready.counters().prerenderedPagesServed()).isZero();
        }
    }

    private static void assertSameAnswer(HttpResponse<byte[]> actual, HttpResponse<byte[]> expected) {
        assertThat(actual.statusCode()).isEqualTo(expected.statusCode()).isEqualTo(200);
        assertThat(headersButDate(actual)).isEqualTo(headersButDate(expected));
        assertThat(actual.body()).isEqualTo(expected.body());
    }

    private static Map<String, List<String>> headersButDate(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date"); // the one header that depends on when
        return headers;
    }
}
