package org.sisbridge.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes the one response of one request as streamed JSON, and counts it just before the status
 * goes out, so counters never lag behind what a client has already received.
 */
final class Reply {
    private static final JsonFactory JSON = new JsonFactory();

    /** A response body written straight to the response stream. */
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private final HttpExchange exchange;
    private final SimulatorCounters counters;
    private final boolean eventsApi;
    private final Instant receivedAt;
    private int status;
    private long trickleMillis;

    Reply(HttpExchange exchange, SimulatorCounters counters, boolean eventsApi, Instant receivedAt) {
        this.exchange = exchange;
        this.counters = counters;
        this.eventsApi = eventsApi;
        this.receivedAt = receivedAt;
    }

    /** The body goes out one byte every {@code millis} milliseconds, after the headers (0 = at once). */
    Reply trickle(long millis) {
        this.trickleMillis = millis;
        return this;
    }

    Reply header(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
        return this;
    }

    void json(int httpStatus, JsonBody body) throws IOException {
        try (OutputStream out = begin(httpStatus); JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        }
    }

    /**
     * A body {@link #render} made earlier, sent as {@link #json} would send it: the same status line,
     * headers and (chunked) framing, so that a client cannot tell the two apart.
     */
    void rendered(int httpStatus, byte[] body) throws IOException {
        try (OutputStream out = begin(httpStatus)) {
            out.write(body);
        }
    }

    /** The bytes {@link #json} would send as the body, with the same JSON settings. */
    static byte[] render(JsonBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from memory; only a body's own failure
        }
        return bytes.toByteArray();
    }

    /** Counts the answer, sends the status and headers, and opens the body. */
    private OutputStream begin(int httpStatus) throws IOException {
        status = httpStatus;
        counters.response(httpStatus);
        if (eventsApi) {
            String query = exchange.getRequestURI().getRawQuery();
            counters.eventRequest(receivedAt, httpStatus, query == null ? "" : query);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(httpStatus, 0); // 0 = chunked: the body is streamed, its length unknown
        OutputStream raw = exchange.getResponseBody();
        return trickleMillis > 0 ? new TrickleOutputStream(raw, trickleMillis) : raw;
    }

    /** The contract's error body: {"error":{"code":...,"message":...,"details":[]}}. */
    void error(int httpStatus, String code, String message) throws IOException {
        json(httpStatus, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeArrayFieldStart("details");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** An error whose code follows from the status alone, as an injected fault has no better one. */
    void error(int httpStatus) throws IOException {
        error(httpStatus, ErrorCodes.forStatus(httpStatus), "simulated fault");
    }

    boolean sent() {
        return status != 0;
    }

    int status() {
        return status;
    }
}
