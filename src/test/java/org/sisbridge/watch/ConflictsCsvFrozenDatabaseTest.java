package org.sisbridge.watch;

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
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.RelayedDatabase;

/**
 * /reconcile-conflicts.csv while the staging database hangs: a 503 in time with one line, and a crowd of such
 * downloads does not take the management server's threads (health and the status page still answer). It once
 * waited the pool's 30 s, or for ever on a pooled connection, on one of the server's twenty worker threads each.
 */
class ConflictsCsvFrozenDatabaseTest {

    @Test
    void theConflictsCsvAnswers503InTimeAndTheEndpointStaysUp() throws Exception {
        try (RelayedDatabase db = RelayedDatabase.create(DatabaseKind.POSTGRESQL, "csv-frozen", false);
             AgentFixture fixture = new AgentFixture(WatchEndpointTest.badInput(), db.relayed)
                     .property("sisbridge.events.enabled", false).property("sisbridge.reports.enabled", false)
                     .property("sisbridge.reports.drop-enabled", false).property("sisbridge.roster.enabled", false)
                     .property("sisbridge.staging.connection-timeout-ms", 30_000)
                     .property("sisbridge.watch.health-timeout-ms", 2000)
                     .property("sisbridge.reconcile.csv-answer-within-ms", 2000)) {
            WatchClient watch = WatchClient.of(fixture.start());
            assertThat(watch.get("/reconcile-conflicts.csv").statusCode()).isEqualTo(200);

            db.proxy.freeze();
            HttpResponse<String> csv = watch.get("/reconcile-conflicts.csv", Duration.ofSeconds(10));
            assertThat(csv.statusCode()).isEqualTo(503);
            assertThat(csv.body()).contains("the staging database did not answer within 2000 ms");

            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> crowd = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                crowd.add(http.sendAsync(HttpRequest.newBuilder(URI.create(watch.baseUrl() + "/reconcile-conflicts.csv?n=" + i))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(watch.get("/observe/health/live", Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
            assertThat(watch.get("/status", Duration.ofSeconds(10)).body()).contains("no answer within 2000 ms");
            for (CompletableFuture<HttpResponse<String>> download : crowd) {
                assertThat(download.get().statusCode()).isEqualTo(503);
            }
            db.proxy.close(); // the hung connections fail now, so the agent stops without waiting for them
        }
    }
}
