package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hostile answer switches ({@link HostileSettings}) do what they say, seen from a plain client. */
class UpstreamSimulatorHostileTest {
    private UpstreamSimulator simulator;
    private SimulatorClient client;

    private String start(SimulatorSettings settings) {
        simulator = UpstreamSimulator.start(settings, 0);
        client = new SimulatorClient(simulator);
        return client.token();
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void anOversizedPageCarriesMoreEventsThanTheLimitAsked() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.hostile.oversizedPageExtraEvents = 7;
        String token = start(settings);
        HttpResponse<String> page = client.events(token, "111", null, 5);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(SimulatorClient.json(page).path("events").size()).isEqualTo(12);
    }

    @Test
    void anOversizedPageCarriesItsPaddingInItsFirstEventStreamed() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.hostile.oversizedPageBytes = 30L * 1024 * 1024;
        String token = start(settings);
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/colleges/111/idme/events?limit=5"))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> page = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (InputStream body = page.body()) {
            bytes = body.transferTo(java.io.OutputStream.nullOutputStream()); // counted, not kept
        }
        assertThat(bytes).isGreaterThan(30L * 1024 * 1024);
    }

    @Test
    void aTricklingTokenSendsItsHeadersAtOnceAndItsBodyByteByByte() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.hostile.trickleTokenMillis = 50;
        simulator = UpstreamSimulator.start(settings, 0);
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sisbridge-demo"
                        + "&client_secret=demo-secret&scope=events.read"))
                .build();
        long started = System.nanoTime();
        HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        long headersAfter = System.nanoTime() - started;
        assertThat(answer.statusCode()).isEqualTo(200);
        byte[] body;
        try (InputStream in = answer.body()) {
            body = in.readAllBytes();
        }
        long bodyAfter = System.nanoTime() - started;
        // the headers at once, the body over seconds (a first request of a new client on a busy machine may take one)
        assertThat(Duration.ofNanos(headersAfter)).isLessThan(Duration.ofSeconds(3));
        // about 100 bytes, 50 ms apart
        assertThat(Duration.ofNanos(bodyAfter)).isGreaterThan(Duration.ofMillis(50L * (body.length - 1)));
        assertThat(new String(body)).contains("access_token");
    }

    @Test
    void anOversizedReportDownloadCarriesMoreThanItsListingDeclares() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.hostile.oversizedReportBytes = 5L * 1024 * 1024;
        String token = start(settings);
        var entry = simulator.reports().reports("111", null).get(0);
        long listed = simulator.reports().fingerprint(entry).bytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + entry.href()))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> download = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (InputStream body = download.body()) {
            bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(bytes).isGreaterThanOrEqualTo(listed + 5L * 1024 * 1024);
    }
}
