package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.SettableClock;
import org.sisbridge.testsupport.TestDatabase;

/**
 * An upstream that answers with a redirect: never followed, so the access token and the client secret reach no
 * other address, and the line says it was a redirect, where to (scheme, host and port), and which key to change.
 * Before, an events call's line said "the request was refused and will not be retried", and the token request's
 * "upstream refused the client credentials ... check sisbridge.upstream.client-id": both sent IT the wrong way
 * when upstream had only moved, or wanted https:// where http:// was configured. And a token request that gets no
 * answer at all says whether the name, the port or the connection failed.
 */
class UpstreamMovedOrUnreachableTest {

    @Test
    void anEventsPageRedirectedElsewhereIsNotFollowedAndItsLineNamesTheAddressAndTheKey() throws Exception {
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        HttpServer moved = server(exchange -> {
            elsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        String target = "http://127.0.0.1:" + moved.getAddress().getPort();
        HttpServer feed = server(exchange -> {
            exchange.getResponseHeaders().set("Location", target + "/v1/colleges/111/idme/events?limit=500");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), TestDatabase.h2File("upstream-redirect"))
                .property("sisbridge.upstream.base-url", "http://127.0.0.1:" + feed.getAddress().getPort())
                .property("sisbridge.events.poll-interval-ms", 60_000)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.roster.enabled", false)) {
            fixture.property("sisbridge.upstream.token-url", fixture.simulator.baseUrl() + "/oauth2/token");
            fixture.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lastEventsFailure() != null);

            assertThat(fixture.lastEventsFailure()).contains("GET events for MIS 111 answered HTTP 301: a redirect to " + target
                    + ", which the agent does not follow").contains("set sisbridge.upstream.base-url to the new address");
            assertThat(elsewhere).as("requests that reached the address redirected to").isEmpty();
        } finally {
            feed.stop(0);
            moved.stop(0);
        }
    }

    @Test
    void aTokenEndpointRedirectIsNotFollowedWithTheSecretAndItsLineSaysSo() throws Exception {
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        HttpServer moved = server(exchange -> {
            elsewhere.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HttpServer endpoint = server(exchange -> {
            exchange.getResponseHeaders().set("Location", "https://login.example.edu:8443/oauth2/token");
            exchange.sendResponseHeaders(308, -1);
            exchange.close();
        });
        try {
            UpstreamTokenProvider tokens = new UpstreamTokenProvider(new UpstreamSettings(
                    URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()), "id", "secret", "scope", 60, 2000, 2000,
                    300, null), HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
                    new SettableClock(Instant.parse("2026-12-01T12:00:00Z")));
            assertThatThrownBy(tokens::currentToken).isInstanceOf(UpstreamPermanentException.class)
                    .hasMessage("token endpoint answered HTTP 308: a redirect to https://login.example.edu:8443, which the"
                            + " agent does not follow (its credentials go to the configured address only); if upstream has"
                            + " moved, set sisbridge.upstream.token-url (or sisbridge.upstream.base-url) to the new address");
            assertThat(elsewhere).isEmpty();
        } finally {
            endpoint.stop(0);
            moved.stop(0);
        }
    }

    /** Before, the three read alike: "token request failed: java.net.ConnectException". */
    @Test
    void aTokenRequestThatGetsNoAnswerSaysWhetherTheNameThePortOrTheConnectionFailed() throws Exception {
        assertThat(tokenFailure(URI.create("https://no-such-host.invalid:8443")))
                .isEqualTo("token request failed: the host name 'no-such-host.invalid' is not known to this machine's DNS");
        int closed;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        assertThat(tokenFailure(URI.create("http://127.0.0.1:" + closed))).isEqualTo("token request failed: the connection to"
                + " 127.0.0.1:" + closed + " was refused: nothing listens there, or a firewall rejects it");
    }

    private static String tokenFailure(URI base) {
        UpstreamTokenProvider tokens = new UpstreamTokenProvider(new UpstreamSettings(base, "id", "secret", "scope", 60, 2000,
                2000, 300, null), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                new SettableClock(Instant.parse("2026-12-01T12:00:00Z")));
        try {
            tokens.currentToken();
            throw new AssertionError("a token from " + base);
        } catch (UpstreamTransientException expected) {
            return expected.getMessage();
        } catch (Exception other) {
            throw new AssertionError(other);
        }
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }
}
