package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.RelayedDatabase;

/**
 * A staging database that hangs (a frozen relay: it accepts, never answers) while staff use the pages: each
 * page answers 503 in time with one line saying the database did not answer, rather than holding the browser for
 * the pool's 30 s or for ever (a pooled connection has no read timeout); and a crowd of such views does not take the
 * management endpoint down with it: health, the status page and the login form still answer.
 */
class StaffPagesFrozenDatabaseTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aHangingDatabaseGetsAClear503InTimeAndTheEndpointStaysUp() throws Exception {
        try (RelayedDatabase db = RelayedDatabase.create(DatabaseKind.POSTGRESQL, "staff-frozen", false)) {
            try (StaffSite site = StaffSite.start(db.relayed, "sisbridge.events.enabled", "false",
                    "sisbridge.staging.connection-timeout-ms", "30000", "sisbridge.watch.health-timeout-ms", "2000",
                    "sisbridge.staff.answer-within-ms", "2000")) {
                String base = site.baseUrl();
                String cookie = site.sessionCookie(http);
                assertThat(get(base + "/staff/roster", cookie, Duration.ofSeconds(30)).statusCode()).isEqualTo(200);

                db.proxy.freeze();
                HttpResponse<String> page = get(base + "/staff/changes", cookie, Duration.ofSeconds(10));
                assertThat(page.statusCode()).isEqualTo(503);
                assertThat(page.body()).contains("the staging database did not answer within 2000 ms");

                // more views than the server has worker threads (20), each waiting on the frozen database
                List<CompletableFuture<HttpResponse<String>>> crowd = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    crowd.add(http.sendAsync(request(base + "/staff/roster?format=csv&days=" + (i + 1), cookie,
                            Duration.ofSeconds(20)), HttpResponse.BodyHandlers.ofString()));
                }
                assertThat(get(base + "/observe/health/live", null, Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
                assertThat(get(base + "/status", null, Duration.ofSeconds(10)).body()).contains("no answer within 2000 ms");
                assertThat(get(base + "/staff/login", null, Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
                for (CompletableFuture<HttpResponse<String>> view : crowd) {
                    assertThat(view.get().statusCode()).isEqualTo(503);
                }
                db.proxy.close(); // the hung connections fail now, so the agent stops without waiting for them
            }
        }
    }

    private HttpResponse<String> get(String url, String cookie, Duration timeout) throws Exception {
        return http.send(request(url, cookie, timeout), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String url, String cookie, Duration timeout) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return r.build();
    }
}
