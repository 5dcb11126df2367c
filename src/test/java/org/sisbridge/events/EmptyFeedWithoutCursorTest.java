package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/**
 * A server of the contract with nothing to send may have no cursor to give either: its empty last page
 * says {@code "nextCursor": null}. Before, every poll of such a feed failed ("events page carried no
 * nextCursor") and the status page showed the flow failing although nothing was wrong. Now that page
 * means "nothing new": no failure, and the cursor stays where it was; it is never sent back to the feed's
 * start. A page with events (or more to come) and no cursor is still refused: its successor could not be
 * asked for.
 */
class EmptyFeedWithoutCursorTest {

    private static final String EMPTY_WITHOUT_CURSOR = "{\"events\":[],\"nextCursor\":null,\"hasMore\":false}";
    private static final String ONE_EVENT = """
            {"events":[{"eventId":"7f3c0d9e2b4a4c1f9a8e6d5c4b3a2f10","eventType":"UPDATE_PROFILE",
             "eventTimestamp":"2024-01-15T18:22:03.123Z","misCode":"111",
             "eventPayload":"{\\"cccid\\":\\"ABC1234\\",\\"idme_status\\":\\"unverified\\",\\"previous_idme_status\\":\\"verified\\"}"}],
             "nextCursor":"c1","hasMore":false}""";

    @Test
    void anEmptyLastPageWithoutACursorIsNothingNewAndTheCursorStays() throws Exception {
        AtomicReference<String> answer = new AtomicReference<>(EMPTY_WITHOUT_CURSOR);
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/v1/colleges/111/idme/events", exchange -> {
            queries.add(String.valueOf(exchange.getRequestURI().getQuery()));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feed.start();
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), TestDatabase.h2File("empty-feed-no-cursor"))
                .property("sisbridge.upstream.base-url", "http://127.0.0.1:" + feed.getAddress().getPort())
                .property("sisbridge.events.poll-interval-ms", 200)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.roster.enabled", false)) {
            fixture.property("sisbridge.upstream.token-url", fixture.simulator.baseUrl() + "/oauth2/token");
            fixture.start();

            // several polls of an empty feed: none fails, and there is no cursor to keep yet
            await().atMost(Duration.ofSeconds(30)).until(() -> queries.size() >= 3);
            assertThat(fixture.lastEventsFailure()).isNull();
            assertThat(queries).allMatch(q -> !q.contains("after="));

            // an event comes, with a cursor: staged, and the cursor stored
            answer.set(ONE_EVENT);
            await().atMost(Duration.ofSeconds(30)).until(() -> "c1".equals(cursor(fixture)));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(1);

            // nothing new again, without a cursor: the feed is asked from c1 on, and stays there
            answer.set(EMPTY_WITHOUT_CURSOR);
            int before = queries.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> queries.size() >= before + 3);
            assertThat(queries.subList(before + 1, queries.size())).allMatch(q -> q.contains("after=c1"));
            assertThat(cursor(fixture)).isEqualTo("c1");
            assertThat(fixture.lastEventsFailure()).isNull();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(1);
        } finally {
            feed.stop(0);
        }
    }

    @Test
    void aPageWithEventsButNoCursorIsStillRefused() throws Exception {
        EventPageParser parser = new EventPageParser(new com.fasterxml.jackson.databind.ObjectMapper(), 1000);
        String withEvents = ONE_EVENT.replace("\"nextCursor\":\"c1\",", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(
                        new java.io.ByteArrayInputStream(withEvents.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(org.sisbridge.upstream.UpstreamTransientException.class)
                .hasMessage("events page with 1 event(s) carried no nextCursor");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(new java.io.ByteArrayInputStream(
                        "{\"events\":[],\"hasMore\":true}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(org.sisbridge.upstream.UpstreamTransientException.class)
                .hasMessage("events page with 0 event(s) and more to come carried no nextCursor");
        EventPage empty = parser.parse(new java.io.ByteArrayInputStream(EMPTY_WITHOUT_CURSOR.getBytes(StandardCharsets.UTF_8)));
        assertThat(empty.cursorAfter("c7")).isEqualTo("c7");
        assertThat(empty.cursorAfter(null)).isNull();
    }

    private static String cursor(AgentFixture fixture) {
        List<Object> cursors = fixture.db().column(
                "SELECT cursor_value FROM sisbridge_checkpoint WHERE flow = 'idme-events' AND scope = '111'");
        return cursors.isEmpty() ? null : (String) cursors.get(0);
    }
}
