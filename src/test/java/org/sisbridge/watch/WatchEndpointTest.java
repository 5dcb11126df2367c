package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.FreezableTcpProxy;
import org.sisbridge.testsupport.ReconcileRows;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The management endpoint of a running agent: Camel's health checks with the agent's own readiness
 * checks, and the flows' counters on the Prometheus endpoint equal to what the run stored.
 */
class WatchEndpointTest {

    /** A feed with redeliveries and bad events, so every counter has something to count. */
    static SimulatorSettings badInput() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 800;
        s.redeliveryRate = 0.05;
        s.malformedPayloadRate = 0.02;
        s.invalidCccidRate = 0.02;
        s.wrongMisCodeRate = 0.02;
        return s;
    }

    @Test
    void healthIsUpAndThePrometheusCountersEqualWhatTheRunStored() throws Exception {
        try (AgentFixture fixture = new AgentFixture(badInput(),
                TestDatabases.create(DatabaseKind.H2, "watch-metrics"))) {
            WatchClient watch = WatchClient.of(fixture.start());
            fixture.awaitEventsCaughtUp();

            // ready once every consumer has polled (the drop folders poll every few seconds)
            awaitReady(watch, 200);
            String ready = compact(watch.get("/observe/health/ready?exposureLevel=full").body());
            assertThat(ready).contains("{\"name\":\"staging-database\",\"status\":\"UP\"}",
                    "{\"name\":\"upstream\",\"status\":\"UP\"}");
            assertThat(watch.get("/observe/health/live").statusCode()).isEqualTo(200);

            // no more polls (an empty page counts as a batch too): the meters and the statistics hold still
            fixture.camelContext().getRouteController().stopRoute("idme-events-poll");
            String metrics = watch.get("/observe/metrics").body();
            StagingQueries db = fixture.db();
            long stored = db.count("SELECT COUNT(*) FROM idme_status_event");
            assertThat(stored).isPositive();
            assertThat(WatchClient.sample(metrics, "sisbridge_records_stored_total", "flow=\"events\"")).isEqualTo(stored);
            db.rejectsByReason("idme-events").forEach((reason, n) -> assertThat(WatchClient.sample(metrics,
                    "sisbridge_records_rejected_total", "flow=\"events\",reason=\"" + reason + "\"")).as(reason).isEqualTo(n));
            var statistics = fixture.eventStatistics().snapshot();
            assertThat(WatchClient.sample(metrics, "sisbridge_records_received_total", "flow=\"events\""))
                    .isEqualTo(statistics.received());
            assertThat(statistics.duplicates()).isPositive();
            assertThat(WatchClient.sample(metrics, "sisbridge_records_duplicate_total", "flow=\"events\""))
                    .isEqualTo(statistics.duplicates());
            assertThat(WatchClient.sample(metrics, "sisbridge_batch_latency_seconds_count", "flow=\"events\""))
                    .isEqualTo(statistics.pages());
            assertThat(WatchClient.sample(metrics, "sisbridge_flow_last_success_seconds", "flow=\"events\""))
                    .isGreaterThan(System.currentTimeMillis() / 1000 - 600);
            // Camel's own route meters are on the same endpoint
            assertThat(metrics).contains("camel_exchanges_total");
        }
    }

    @Test
    void readinessGoesDownWhenTheUpstreamIsUnreachable() throws Exception {
        try (AgentFixture fixture = new AgentFixture(badInput(),
                TestDatabases.create(DatabaseKind.H2, "watch-upstream"))
                .property("sisbridge.watch.upstream-check-cache-ms", 200)) {
            WatchClient watch = WatchClient.of(fixture.start());
            awaitReady(watch, 200);

            fixture.simulator.close();

            awaitReady(watch, 503);
            String ready = compact(watch.get("/observe/health/ready?exposureLevel=full").body());
            assertThat(ready).contains("{\"name\":\"upstream\",\"status\":\"DOWN\",\"message\":\"upstream http:",
                    "is not reachable", "{\"name\":\"staging-database\",\"status\":\"UP\"}");
            // the agent itself is alive: a restart would not bring the upstream back
            assertThat(watch.get("/observe/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readinessGoesDownWhileTheDatabaseRefusesConnectionsAndUpAgainAfter() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.POSTGRESQL, "watch-db-down");
        try (AgentFixture fixture = new AgentFixture(badInput(), database)
                .property("sisbridge.staging.connection-timeout-ms", 1000)) {
            WatchClient watch = WatchClient.of(fixture.start());
            awaitReady(watch, 200);

            String name = database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1);
            String admin = database.jdbcUrl().substring(0, database.jdbcUrl().lastIndexOf('/') + 1) + "test";
            try (Connection c = DriverManager.getConnection(admin, database.user(), database.password());
                 Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                try {
                    awaitReady(watch, 503);
                    String ready = compact(watch.get("/observe/health/ready?exposureLevel=full").body());
                    assertThat(ready).contains("{\"name\":\"staging-database\",\"status\":\"DOWN\",\"message\":"
                            + "\"the staging database is not reachable");
                    assertThat(watch.get("/observe/health/live").statusCode()).isEqualTo(200);
                } finally {
                    s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
                }
            }
            awaitReady(watch, 200);
        }
    }

    @Test
    void readinessAnswersDownInTimeWhenTheDatabaseHangsInsteadOfRefusing() throws Exception {
        TestDatabase real = TestDatabases.create(DatabaseKind.POSTGRESQL, "watch-db-hangs");
        URI server = URI.create(real.jdbcUrl().substring("jdbc:".length()));
        try (FreezableTcpProxy proxy = FreezableTcpProxy.to(server.getHost(), server.getPort())) {
            TestDatabase database = new TestDatabase("PostgreSQL through a relay", "jdbc:postgresql://127.0.0.1:" + proxy.port()
                    + server.getPath(), real.user(), real.password());
            // the pool would wait its whole 30 s for a connection; readiness must answer well before a monitor gives up
            try (AgentFixture fixture = new AgentFixture(badInput(), database)
                    .property("sisbridge.events.enabled", false).property("sisbridge.reports.enabled", false)
                    .property("sisbridge.reports.drop-enabled", false).property("sisbridge.roster.enabled", false)
                    .property("sisbridge.staging.connection-timeout-ms", 30_000)
                    .property("sisbridge.watch.health-timeout-ms", 2000)) {
                WatchClient watch = WatchClient.of(fixture.start());
                awaitReady(watch, 200);

                proxy.freeze();
                // a probe that waited for the pool would still hang when this client gives up (HttpTimeoutException)
                HttpResponse<String> ready = watch.get("/observe/health/ready?exposureLevel=full", Duration.ofSeconds(10));
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(compact(ready.body())).contains("{\"name\":\"staging-database\",\"status\":\"DOWN\","
                        + "\"message\":\"the staging database did not answer within 2000 ms\"");
                // the next call waits on the same probe (no second thread), until the driver gives up on the connection
                HttpResponse<String> again = watch.get("/observe/health/ready?exposureLevel=full", Duration.ofSeconds(10));
                assertThat(again.statusCode()).isEqualTo(503);
                assertThat(compact(again.body())).contains("{\"name\":\"staging-database\",\"status\":\"DOWN\"");
                assertThat(watch.get("/observe/health/live").statusCode()).isEqualTo(200);
                // the status page too answers from memory in time (it waited the pool's 30 s, an audit found)
                HttpResponse<String> status = watch.get("/status.json", Duration.ofSeconds(10));
                assertThat(status.statusCode()).isEqualTo(200);
                assertThat(status.body()).contains("cannot be read (no answer within 2000 ms");
                assertThat(watch.get("/status", Duration.ofSeconds(10)).body()).contains("no answer within 2000 ms");
                proxy.close(); // the hung connections fail now, so the agent stops without waiting for them
            }
        }
    }

    /**
     * The reconciliation on the status page (a table per college, the latest conflicts, a link to the CSV) and the CSV
     * itself: a download, every cell spreadsheet-safe (a local id starting with = or + is neutralized), cut at its cap.
     */
    @Test
    void theStatusPageShowsTheReconciliationAndTheConflictsDownloadAsASafeCsv() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "watch-reconcile");
        try (AgentFixture fixture = new AgentFixture(badInput(), database).property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false).property("sisbridge.reconcile.csv-max-rows", 3)) {
            WatchClient watch = WatchClient.of(fixture.start());
            new ReconcileRows(database).complete("rc-111-1", "111", LocalDateTime.now(ZoneOffset.UTC).minusHours(1),
                    ReconcileRows.student("=HYPERLINK(\"http://x.example\",\"open\")", "AAA1111", "AAA1112", "DIFFERS"),
                    ReconcileRows.student("+15550100", "AAA2222", null, "UNKNOWN_UPSTREAM"),
                    ReconcileRows.student("L-AGREE", "AAA3333", "AAA3333", "AGREE"),
                    ReconcileRows.student("L-SHARED-1", "AAA4444", "AAA4444", "SHARED_CCCID"),
                    ReconcileRows.student("L-SHARED-2", "AAA4444", "AAA4444", "SHARED_CCCID"));

            HttpResponse<String> page = watch.get("/status");
            assertThat(page.body()).contains("<tr class=\"reconcile-run\" data-mis=\"111\" data-state=\"COMPLETE\">",
                    "<td class=\"n\" data-differs=\"1\">1</td>", "<td class=\"n\" data-shared_cccid=\"2\">2</td>",
                    "<td class=\"n\" data-agree=\"1\">1</td>", "<a id=\"reconcile-csv\" href=\"reconcile-conflicts.csv\">",
                    "=HYPERLINK(&quot;http://x.example&quot;")
                    .doesNotContain("<script");
            assertThat(page.body().split("class=\"reconcile-conflict\"", -1)).hasSize(5);

            HttpResponse<String> csv = watch.get("/reconcile-conflicts.csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
            assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename=\"reconcile-conflicts-");
            String[] lines = csv.body().split("\r\n");
            assertThat(lines).hasSize(5);
            assertThat(lines[0]).isEqualTo("mis_code,local_id,sis_ccc_id,upstream_ccc_id,outcome,matched_on,reason,checked_at");
            // by local id: '+' sorts before '=', both before 'L'; the formula-like ones get a quote in front
            assertThat(lines[1]).startsWith("111,\"'+15550100\",AAA2222,,UNKNOWN_UPSTREAM,,test reason for UNKNOWN_UPSTREAM,20");
            assertThat(lines[2]).startsWith("111,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"open\"\")\",AAA1111,AAA1112,DIFFERS,"
                    + "\"name,birth_date\",");
            assertThat(lines[3]).startsWith("111,L-SHARED-1,AAA4444,AAA4444,SHARED_CCCID,");
            assertThat(lines[4]).isEqualTo("(cut off at sisbridge.reconcile.csv-max-rows = 3 rows; the rest are in the staging table"
                    + " cccid_reconcile)");
            assertThat(csv.body())                    .doesNotContain("L-AGREE");
        }
    }

    static void awaitReady(WatchClient watch, int status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> watch.get("/observe/health/ready").statusCode() == status);
    }

    /** Camel's health JSON without the whitespace between its tokens. */
    static String compact(String json) {
        return json.replaceAll("\\s*([{}\\[\\]:,])\\s*", "$1");
    }
}
