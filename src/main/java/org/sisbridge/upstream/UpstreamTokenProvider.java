package org.sisbridge.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client-credentials tokens for upstream calls, cached until shortly before they expire.
 * A 401 on a call invalidates the cached token, so the retried call fetches a new one.
 */
public class UpstreamTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTokenProvider.class);

    private final UpstreamSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public UpstreamTokenProvider(UpstreamSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    /** Sets the Authorization header of an upstream call. */
    public void authorize(Exchange exchange) throws UpstreamTransientException, UpstreamPermanentException {
        exchange.getMessage().setHeader("Authorization", "Bearer " + currentToken());
    }

    public synchronized String currentToken() throws UpstreamTransientException, UpstreamPermanentException {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the token so that the next call fetches a new one. */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws UpstreamTransientException, UpstreamPermanentException {
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(settings.clientSecret())
                + "&scope=" + encode(settings.scope());
        HttpRequest request = HttpRequest.newBuilder(settings.baseUrl().resolve("/oauth2/token"))
                .timeout(Duration.ofMillis(settings.responseTimeoutMs()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // an untrusted certificate stays untrusted: say what to configure instead of retrying
            String untrusted = UntrustedCertificate.explain(e).orElse(null);
            if (untrusted != null) {
                throw new UpstreamPermanentException(untrusted);
            }
            throw new UpstreamTransientException("token request failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamTransientException("token request interrupted");
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new UpstreamTransientException("token endpoint answered " + status);
        }
        if (status != 200) {
            throw new UpstreamPermanentException("upstream refused the client credentials (HTTP " + status
                    + ") for client id '" + settings.clientId() + "': check sisbridge.upstream.client-id and the client secret");
        }
        try {
            JsonNode body = json.readTree(response.body());
            token = body.path("access_token").asText(null);
            long expiresIn = body.path("expires_in").asLong(3600);
            if (token == null || token.isEmpty()) {
                throw new UpstreamTransientException("token response carried no access_token");
            }
            long margin = Math.min(settings.tokenRefreshMarginSeconds(), expiresIn / 2);
            refreshAt = clock.instant().plusSeconds(expiresIn - margin);
            LOG.info("Obtained an upstream access token for client '{}', valid {} s", settings.clientId(), expiresIn);
        } catch (IOException e) {
            // the parser's message quotes the answer, which is upstream text (and may hold a token): never passed on
            throw new UpstreamTransientException("token response is not JSON (cut off, or not a token endpoint)");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
