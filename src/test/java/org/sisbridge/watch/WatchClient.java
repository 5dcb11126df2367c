package org.sisbridge.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sisbridge.runtime.SisbridgeAgent;

/** Plain HTTP requests to a test agent's management endpoint, and reading Prometheus text. */
final class WatchClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    WatchClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    static WatchClient of(SisbridgeAgent agent) {
        String url = WatchEndpoint.baseUrl(agent.camelContext());
        if (url == null) {
            throw new IllegalStateException("the agent's management endpoint is off");
        }
        return new WatchClient(url, null);
    }

    WatchClient withToken(String token) {
        return new WatchClient(baseUrl, token);
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, Duration.ofSeconds(60));
    }

    /** @param timeout how long to wait for the answer: a java.net.http.HttpTimeoutException after it */
    HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole-number value of one sample in Prometheus text, e.g. {@code sisbridge_records_stored_total{flow="events"}}. */
    static long sample(String prometheusText, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels) + ",?\\} (\\S+)$")
                .matcher(prometheusText);
        if (!m.find()) {
            throw new AssertionError("no sample " + name + "{" + labels + "} in the metrics:\n" + prometheusText.lines()
                    .filter(l -> l.startsWith("sisbridge_")).reduce("", (a, b) -> a + b + "\n"));
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
