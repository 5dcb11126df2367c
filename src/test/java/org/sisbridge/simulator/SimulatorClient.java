package org.sisbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A minimal client of the upstream contract for the simulator's own tests. */
final class SimulatorClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    SimulatorClient(UpstreamSimulator simulator) {
        this.baseUrl = simulator.baseUrl();
    }

    HttpResponse<String> requestToken(String clientId, String clientSecret) {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)
                + "&scope=" + enc("events.read reports.read accounts.write");
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    String token() {
        HttpResponse<String> response = requestToken("sisbridge-demo", "demo-secret");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode());
        }
        return json(response).get("access_token").asText();
    }

    /** GET the events API; cursor and limit may be null, token null sends no Authorization header. */
    HttpResponse<String> events(String token, String misCode, String cursor, Integer limit) {
        return get(eventsUrl(misCode, cursor, limit), token);
    }

    /** The same request as {@link #events}, its body as the bytes that came. */
    HttpResponse<byte[]> eventsBytes(String token, String misCode, String cursor, Integer limit) {
        return send(getRequest(eventsUrl(misCode, cursor, limit), token), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String url, String token) {
        return send(getRequest(url, token));
    }

    /** POST a bulk accounts batch (contract section 3) with its Idempotency-Key. */
    HttpResponse<String> postBulk(String token, String misCode, String idempotencyKey, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/colleges/" + misCode + "/accounts/bulk"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String eventsUrl(String misCode, String cursor, Integer limit) {
        StringBuilder query = new StringBuilder();
        if (cursor != null) {
            query.append("after=").append(enc(cursor));
        }
        if (limit != null) {
            query.append(query.length() > 0 ? "&" : "").append("limit=").append(limit);
        }
        return baseUrl + "/v1/colleges/" + misCode + "/idme/events" + (query.length() > 0 ? "?" + query : "");
    }

    private static HttpRequest getRequest(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
