package org.sisbridge.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
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
        status = httpStatus;
        counters.response(httpStatus);
        if (eventsApi) {
            String query = exchange.getRequestURI().getRawQuery();
            counters.eventRequest(receivedAt, httpStatus, query == null ? "" : query);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(httpStatus, 0); // 0 = chunked: the body is streamed, its length unknown
        OutputStream raw = exchange.getResponseBody();
        try (OutputStream out = trickleMillis > 0 ? new TrickleOutputStream(raw, trickleMillis) : raw;
             JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        }
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
