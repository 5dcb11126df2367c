package org.sisbridge.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * POST /oauth2/token, OAuth2 client credentials. The client may send its credentials as form
 * fields (client_secret_post) or as HTTP Basic (client_secret_basic); both are common in clients.
 */
final class TokenEndpoint {
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final SimulatorSettings settings;
    private final TokenStore tokens;
    private final SimulatorCounters counters;

    TokenEndpoint(SimulatorSettings settings, TokenStore tokens, SimulatorCounters counters) {
        this.settings = settings;
        this.tokens = tokens;
        this.counters = counters;
    }

    void handle(HttpExchange exchange, Reply reply) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            reply.header("Allow", "POST").error(405, "method_not_allowed", "use POST");
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES);
        Map<String, String> form = FormFields.parse(new String(body, StandardCharsets.UTF_8));
        String[] basic = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        String clientId = basic != null ? basic[0] : form.get("client_id");
        String clientSecret = basic != null ? basic[1] : form.get("client_secret");
        if (!"client_credentials".equals(form.get("grant_type"))
                || !settings.clientId.equals(clientId) || !settings.clientSecret.equals(clientSecret)) {
            reply.error(401, "invalid_client", "unknown client, wrong secret or unsupported grant_type");
            return;
        }
        String token = tokens.issue();
        counters.tokenIssued();
        reply.trickle(settings.hostile.trickleTokenMillis).header("Cache-Control", "no-store").json(200, g -> {
            g.writeStartObject();
            g.writeStringField("access_token", token);
            g.writeStringField("token_type", "Bearer");
            g.writeNumberField("expires_in", settings.tokenExpiresInSeconds);
            g.writeEndObject();
        });
    }

    /** {id, secret} from an "Authorization: Basic ..." header, or null when there is none usable. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String plain = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return colon < 0 ? null : new String[] {plain.substring(0, colon), plain.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
