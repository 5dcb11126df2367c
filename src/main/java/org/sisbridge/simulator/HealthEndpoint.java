package org.sisbridge.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** GET /v1/health: always UP and without authentication, so a client can probe before it has a token. */
final class HealthEndpoint {
    void handle(HttpExchange exchange, Reply reply) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            reply.header("Allow", "GET").error(405, "method_not_allowed", "use GET");
            return;
        }
        reply.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("status", "UP");
            g.writeEndObject();
        });
    }
}
