package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.upstream.UpstreamPermanentException;
import org.sisbridge.upstream.UpstreamTransientException;

/**
 * Pages that are JSON but not pages of the contract, found by a hostile server. Before: a nextCursor
 * or hasMore of the wrong type (an object, an array) ended the parser's reading of the page there, so
 * a page of five events read as "nothing new": no line, the status page healthy, the events skipped
 * for as long as the server sent it. A page that gave back the cursor it was fetched with, with more
 * to come, was fetched again and again: 1,010 requests and 1,009 log lines in ten seconds, every poll
 * stopped only by sisbridge.events.max-pages-per-poll. Two "events" arrays were merged, and an HTML
 * error page after the JSON was ignored.
 */
class MalformedEventPagesTest {

    private static final String EVENT = """
            {"eventId":"%s","eventType":"UPDATE_PROFILE","eventTimestamp":"2024-01-15T18:22:03.123Z","misCode":"111",
             "eventPayload":"{\\"cccid\\":\\"ABC1234\\",\\"idme_status\\":\\"unverified\\",\\"previous_idme_status\\":\\"verified\\"}"}""";

    private final EventPageParser parser = new EventPageParser(new ObjectMapper(), 1000);

    private static String events(String... ids) {
        return String.join(",", java.util.Arrays.stream(ids).map(EVENT::formatted).toList());
    }

    private EventPage parse(String body) throws Exception {
        return parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"nextCursor\":{\"x\":1},\"events\":[EVENTS],\"hasMore\":true}|field 'nextCursor' is not a string but an object",
            "{\"hasMore\":[true],\"events\":[EVENTS],\"nextCursor\":\"c9\"}|field 'hasMore' is not true or false but an array",
            "{\"hasMore\":\"yes\",\"events\":[EVENTS],\"nextCursor\":\"c9\"}|field 'hasMore' is not true or false but a string",
            "{\"nextCursor\":7,\"events\":[EVENTS],\"hasMore\":false}|field 'nextCursor' is not a string but a number",
            "{\"events\":[EVENTS],\"events\":[EVENTS],\"nextCursor\":\"c9\",\"hasMore\":false}|has the field 'events' twice",
            "{\"events\":[EVENTS],\"nextCursor\":\"c9\",\"nextCursor\":\"c1\",\"hasMore\":false}|has the field 'nextCursor' twice",
            "{\"events\":[EVENTS],\"nextCursor\":\"c9\",\"hasMore\":false}{\"events\":[]}|has more after its JSON object",
            "{\"events\":[EVENTS],\"nextCursor\":\"c9\",\"hasMore\":false}<html>oops</html>|could not be read as JSON (truncated, or not JSON) at byte",
            // before: each of these was an empty page, "nothing new", at every poll (found with nst/JSONTestSuite's objects)
            "{}|has no 'events' array",
            "{\"error\":{\"code\":\"MAINTENANCE\",\"message\":\"back at 6\"}}|has no 'events' array",
            "{\"nextCursor\":\"c9\",\"hasMore\":false}|has no 'events' array",
    })
    void aPageThatIsNotAPageOfTheContractIsRefusedAndFetchedAgain(String body, String why) {
        assertThatThrownBy(() -> parse(body.replace("EVENTS", events("e1", "e2"))))
                .isInstanceOf(UpstreamTransientException.class)
                .hasMessageContaining(why);
    }

    @Test
    void aTruncatedPageSaysAtWhichByteAndAFailedReadSaysItIsNoJsonFault() {
        String page = "{\"events\":[" + events("e1") + "],\"nextCursor\":\"c1\",\"hasMore\":false}";
        String cut = page.substring(0, 100);
        assertThatThrownBy(() -> parse(cut)).isInstanceOf(UpstreamTransientException.class)
                .hasMessage("events page could not be read as JSON (truncated, or not JSON) at byte 100");

        InputStream stalls = new InputStream() {
            private final InputStream start = new ByteArrayInputStream(cut.getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                int b = start.read();
                if (b < 0) {
                    throw new SocketTimeoutException("Read timed out");
                }
                return b;
            }
        };
        assertThatThrownBy(() -> parser.parse(stalls)).isInstanceOf(UpstreamTransientException.class)
                .hasMessage("events page stopped arriving before its end: SocketTimeoutException: Read timed out");
    }

    @Test
    void aPageThatIsNotJsonNamesItsContentTypeAndAJsonPageIsTakenWhateverItsContentType() throws Exception {
        InputStream html = new ByteArrayInputStream("<html><body>Gateway maintenance</body></html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> parser.parse(html, "text/html; charset=utf-8")).isInstanceOf(UpstreamTransientException.class)
                .hasMessage("events page could not be read as JSON (truncated, or not JSON) at byte 0;"
                        + " the answer's Content-Type was 'text/html; charset=utf-8', not JSON");
        String page = "{\"events\":[" + events("e1") + "],\"nextCursor\":\"c1\",\"hasMore\":false}";
        assertThat(parser.parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)), "text/plain").events()).hasSize(1);
    }

    @Test
    void aCursorLongerThanTheCheckpointHoldsIsRefusedSayingSoAndOneThatFitsPasses() throws Exception {
        // before: taken, and then every commit failed on the database's "value too long" (or, on a MySQL without
        // strict mode, the cursor was cut to 1000 characters and sent back so)
        String tooLong = "c".repeat(1001);
        assertThatThrownBy(() -> parse("{\"events\":[" + events("e1") + "],\"nextCursor\":\"" + tooLong + "\",\"hasMore\":true}"))
                .isInstanceOf(org.sisbridge.upstream.UpstreamPermanentException.class)
                .hasMessage("events page carried a nextCursor of 1001 characters, more than the 1000 the checkpoint holds"
                        + " (sisbridge_checkpoint.cursor_value); refused, nothing of it staged, the cursor stays");
        String fits = "c".repeat(1000);
        assertThat(parse("{\"events\":[" + events("e1") + "],\"nextCursor\":\"" + fits + "\",\"hasMore\":true}").nextCursor())
                .isEqualTo(fits);
    }

    @Test
    void wellFormedPagesStillPass() throws Exception {
        EventPage page = parse("{\"extra\":{\"a\":[1,2]},\"events\":[" + events("e1", "e2")
                + "],\"nextCursor\":\"c1\",\"hasMore\":null}\n");
        assertThat(page.events()).hasSize(2);
        assertThat(page.nextCursor()).isEqualTo("c1");
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void theSameCursorWithMoreToComeOrAnEarlierOneStopsThePollAndTheQuietEndPasses() throws Exception {
        CursorLoopCheck check = new CursorLoopCheck();
        var asked = check.startPoll("c1");
        check.check(asked, "c1", new EventPage(List.of(), "c2", true));
        check.check(asked, "c2", new EventPage(List.of(), "c2", false));
        assertThatThrownBy(() -> check.check(asked, "c2", new EventPage(List.of(), "c2", true)))
                .isInstanceOf(UpstreamPermanentException.class)
                .hasMessageContaining("cursor 'c2' gave back the same cursor with more to come: the feed does not move");
        assertThatThrownBy(() -> check.check(check.startPoll("c1"), "c2", new EventPage(List.of(), "c1", false)))
                .isInstanceOf(UpstreamPermanentException.class)
                .hasMessageContaining("gave back the earlier cursor 'c1'");
    }

    /**
     * Against a server whose second page gives back its own cursor with more to come: the first page
     * is staged, the second refused with one failure on the status page, and the poll asks twice, not
     * a thousand times.
     */
    @Test
    void aFeedThatDoesNotMoveIsOneFailureNotAThousandRequests() throws Exception {
        Map<String, String> pages = Map.of(
                "", "{\"events\":[" + events("e1", "e2") + "],\"nextCursor\":\"c1\",\"hasMore\":true}",
                "c1", "{\"events\":[" + events("e3") + "],\"nextCursor\":\"c1\",\"hasMore\":true}");
        List<String> asked = new CopyOnWriteArrayList<>();
        try (Feed feed = new Feed(cursor -> pages.get(cursor), asked);
             AgentFixture fixture = agent(feed, "cursor-does-not-move")) {
            fixture.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lastEventsFailure() != null);

            assertThat(fixture.lastEventsFailure()).contains("gave back the same cursor with more to come");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(2);
            assertThat(fixture.db().column("SELECT cursor_value FROM sisbridge_checkpoint WHERE flow = 'idme-events'"))
                    .containsExactly("c1");
            assertThat(asked).containsExactly("", "c1");
        }
    }

    /** A page whose cursor is an object: refused with its reason, retried, and nothing skipped. */
    @Test
    void aPageWithACursorOfTheWrongTypeIsAFailureAndItsEventsAreNotSkipped() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (Feed feed = new Feed(cursor -> "{\"nextCursor\":{\"x\":1},\"events\":[" + events("e1", "e2") + "],\"hasMore\":true}", asked);
             AgentFixture fixture = agent(feed, "cursor-of-wrong-type")) {
            fixture.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lastEventsFailure() != null);

            assertThat(fixture.lastEventsFailure()).contains("field 'nextCursor' is not a string but an object");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_checkpoint")).isZero();
            // fetched again once (sisbridge.upstream.retry.max-redeliveries = 1), then the poll stopped
            assertThat(asked).containsExactly("", "");
        }
    }

    private static AgentFixture agent(Feed feed, String name) {
        AgentFixture fixture = new AgentFixture(new SimulatorSettings(), TestDatabase.h2File(name))
                .property("sisbridge.upstream.base-url", "http://127.0.0.1:" + feed.port())
                .property("sisbridge.events.poll-interval-ms", 600_000)
                .property("sisbridge.events.initial-delay-ms", 100)
                .property("sisbridge.upstream.retry.max-redeliveries", 1)
                .property("sisbridge.upstream.retry.initial-delay-ms", 100)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.roster.enabled", false);
        return fixture.property("sisbridge.upstream.token-url", fixture.simulator.baseUrl() + "/oauth2/token");
    }

    /** An events endpoint answering each cursor ("" for none) with the page the test gives. */
    private static final class Feed implements AutoCloseable {
        private final HttpServer server;

        Feed(Function<String, String> pageFor, List<String> asked) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/colleges/111/idme/events", exchange -> {
                String query = String.valueOf(exchange.getRequestURI().getQuery());
                String cursor = java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith("after="))
                        .map(p -> p.substring("after=".length())).findFirst().orElse("");
                asked.add(cursor);
                byte[] body = pageFor.apply(cursor).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
