package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sisbridge.testsupport.SettableClock;

/**
 * A token endpoint's expires_in is its word, not a number to do date arithmetic with unchecked: a
 * lifetime of 10^17 s failed every poll ("DateTimeException: Instant exceeds minimum or maximum
 * instant", not naming the token) and no retry helped. Now a token is kept at most a day, and a
 * negative lifetime means none.
 */
class TokenLifetimeTest {

    @ParameterizedTest
    @CsvSource({
            "100000000000000000, 86000, 1",   // kept a day at most (less the 60 s margin): the same token until then
            "100000000000000000, 86401, 2",   // and a new one after
            "-5, 0, 2",                       // no lifetime: a new token each call
            "3600, 3000, 1"})                 // an ordinary lifetime, refreshed at its margin (60 s)
    void aTokenIsKeptForItsLifetimeWithinADay(long expiresIn, long secondsLater, int fetches) throws Exception {
        AtomicInteger issued = new AtomicInteger();
        HttpServer endpoint = tokenEndpoint(() -> "{\"access_token\":\"t" + issued.incrementAndGet()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
        try {
            SettableClock clock = new SettableClock(Instant.parse("2026-12-01T12:00:00Z"));
            UpstreamTokenProvider tokens = new UpstreamTokenProvider(new UpstreamSettings(
                    URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()), "id", "secret", "scope", 60, 2000, 2000,
                    300, null), HttpClient.newHttpClient(), clock);

            assertThat(tokens.currentToken()).isEqualTo("t1");
            clock.advance(Duration.ofSeconds(secondsLater));
            assertThat(tokens.currentToken()).isEqualTo("t" + fetches);
            assertThat(issued).hasValue(fetches);
        } finally {
            endpoint.stop(0);
        }
    }

    /** Before, any text was taken as the token and put in the Authorization header of every call, line breaks included. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"t1\\r\\nX-Injected: yes", "t1 t2", "t\\u00e9", "t\\u0000"})
    void aTokenThatCannotBeAHeaderValueIsRefusedWithoutQuotingIt(String jsonToken) throws Exception {
        HttpServer endpoint = tokenEndpoint(() -> "{\"access_token\":\"" + jsonToken
                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        try {
            UpstreamTokenProvider tokens = new UpstreamTokenProvider(new UpstreamSettings(
                    URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()), "id", "secret", "scope", 60, 2000, 2000,
                    300, null), HttpClient.newHttpClient(), new SettableClock(Instant.parse("2026-12-01T12:00:00Z")));
            org.assertj.core.api.Assertions.assertThatThrownBy(tokens::currentToken)
                    .isInstanceOf(UpstreamTransientException.class)
                    .hasMessage("token response carried an access_token that cannot be sent in a header (a control"
                            + " character, a space or a letter outside ASCII)");
        } finally {
            endpoint.stop(0);
        }
    }

    /** A token endpoint on a free port, answering each request with the body given then. */
    private static HttpServer tokenEndpoint(java.util.function.Supplier<String> answer) throws java.io.IOException {
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/oauth2/token", exchange -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        return endpoint;
    }
}
