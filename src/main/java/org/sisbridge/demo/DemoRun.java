package org.sisbridge.demo;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.sisbridge.events.EventsFlowStatistics;
import org.sisbridge.reports.ReportsFlowStatistics;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorCounters;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.watch.WatchEndpoint;

/**
 * The agent's main job on embedded defaults: an in-process upstream simulator that misbehaves in
 * every documented way, the real routes, and an H2 file database under data/, then a summary.
 */
public final class DemoRun {

    private final Path home;
    private final SimulatorSettings settings;
    private final Duration timeout;
    private final PrintStream out;

    public DemoRun(Path home, SimulatorSettings settings, Duration timeout, PrintStream out) {
        this.home = home;
        this.settings = settings;
        this.timeout = timeout;
        this.out = out;
    }

    public static Path databaseFile(Path home) {
        return home.resolve("data/sisbridge-demo");
    }

    public int run() throws Exception {
        Path database = databaseFile(home);
        deleteDemoDatabase(database);
        String jdbcUrl = "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE";
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0)) {
            out.printf("Upstream simulator: %s (seed %d, %,d events per MIS code, with redeliveries, bad events"
                    + " and HTTP faults)%n", simulator.baseUrl(), settings.seed, settings.eventsPerMisCode);
            out.printf("Staging database:   %s%n%n", jdbcUrl);
            SisbridgeAgent agent = SisbridgeAgent.builder(home)
                    .secrets(new SecretSource(Map.of("SISBRIDGE_CLIENT_SECRET", settings.clientSecret)))
                    .property("sisbridge.mis-codes", String.join(",", settings.misCodes))
                    .property("sisbridge.upstream.base-url", simulator.baseUrl())
                    .property("sisbridge.upstream.client-id", settings.clientId)
                    .property("sisbridge.staging.jdbc-url", jdbcUrl)
                    .property("sisbridge.staging.username", "sa")
                    .property("sisbridge.events.poll-interval-ms", 500)
                    .property("sisbridge.events.page-size", 100)
                    .property("sisbridge.events.initial-delay-ms", 0)
                    .property("sisbridge.upstream.retry.initial-delay-ms", 200)
                    .property("sisbridge.upstream.retry.max-delay-ms", 2000)
                    .property("sisbridge.reports.poll-interval-ms", 500)
                    .property("sisbridge.reports.initial-delay-ms", 0)
                    .property("sisbridge.reports.start-date", "2024-01-01")
                    .property("sisbridge.reports.inbox", home.resolve("data/demo-inbox/reports").toString())
                    .property("sisbridge.roster.poll-interval-ms", 500)
                    .property("sisbridge.roster.initial-delay-ms", 0)
                    .property("sisbridge.roster.batch-size", 20)
                    .property("sisbridge.roster.job-poll-initial-delay-ms", 100)
                    // a free port, so that the demo runs beside an agent already serving 8787
                    .property("sisbridge.watch.port", 0)
                    .build();
            try (agent) {
                long started = System.nanoTime();
                agent.start();
                String watch = WatchEndpoint.baseUrl(agent.camelContext());
                if (watch != null) {
                    out.printf("Status page:        %s/status (health %s/observe/health, metrics %s/observe/metrics),"
                            + " while the demo runs%n%n", watch, watch, watch);
                }
                // the SIS queues a roster for bulk CCCID creation while the events feed is being read
                DemoRoster.queue(agent.bean("stagingDataSource", DataSource.class), settings.misCodes.get(0),
                        simulator.accounts().population());
                EventsFlowStatistics statistics = agent.bean("eventsFlowStatistics", EventsFlowStatistics.class);
                boolean done = waitUntilCaughtUp(statistics, settings)
                        && waitUntilRosterSettled(agent.bean("stagingDataSource", DataSource.class));
                ReportsFlowStatistics reports = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
                long listed = settings.misCodes.stream().mapToLong(m -> simulator.reports().reports(m, null).size()).sum();
                done = ReportsRunSummary.waitUntilLoaded(reports, listed, timeout) && done;
                long millis = MILLISECONDS.convert(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                DataSource staged = agent.bean("stagingDataSource", DataSource.class);
                EventsRunSummary summary = EventsRunSummary.read(staged, "idme_status_event", statistics.snapshot());
                RosterRunSummary roster = RosterRunSummary.read(staged);
                ReportsRunSummary reportSummary = ReportsRunSummary.read(staged, reports.snapshot());
                // stop polling before printing, so that no log line lands in the middle of the summary
                agent.close();
                out.println();
                out.printf("==== sisbridge demo: finished in %.1f s%s ====%n%n", millis / 1000.0,
                        done ? "" : " (timed out before the feed was drained)");
                summary.print(out);
                out.println();
                roster.print(out);
                out.println();
                reportSummary.print(out);
                printUpstreamFaults(simulator.counters());
                printWhereTheDataIs(database);
                return done ? 0 : 1;
            }
        }
    }

    private boolean waitUntilCaughtUp(EventsFlowStatistics statistics, SimulatorSettings settings) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (statistics.caughtUp(settings.misCodes)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private boolean waitUntilRosterSettled(DataSource dataSource) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var c = dataSource.getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT')")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    private void printUpstreamFaults(SimulatorCounters counters) {
        out.println();
        out.println("Upstream faults the agent rode out (retried with backoff, nothing lost)");
        out.printf("  %-48s %,9d%n", "HTTP 500 answers", counters.responses(500));
        out.printf("  %-48s %,9d%n", "HTTP 503 answers (Retry-After honoured)", counters.responses(503));
        out.printf("  %-48s %,9d%n", "HTTP 429 answers (Retry-After honoured)", counters.responses(429));
        out.printf("  %-48s %,9d%n", "Access tokens issued", counters.tokensIssued());
    }

    private void printWhereTheDataIs(Path database) {
        Path h2Jar = h2Jar();
        out.println();
        out.println("Where the data is");
        out.println("  H2 database file: " + database + ".mv.db (user sa, no password)");
        out.println("  Open an SQL shell on it:");
        out.println("    java -cp " + h2Jar + " org.h2.tools.Shell -url jdbc:h2:file:" + database + " -user sa");
        out.println("  Then, for example:");
        out.println("    SELECT mis_code, ccc_id, previous_idme_status, idme_status, transition_valid, event_timestamp");
        out.println("      FROM idme_status_event ORDER BY event_timestamp LIMIT 20;");
        out.println("    SELECT reason_code, COUNT(*) FROM sisbridge_reject GROUP BY reason_code;");
        out.println("    SELECT record_key, reason, raw_input FROM sisbridge_reject WHERE reason_code = 'INVALID_CCCID';");
        out.println("    SELECT * FROM sisbridge_checkpoint;");
        out.println("    SELECT report_id, period, rows_loaded, rows_rejected FROM sisbridge_report_load;");
        out.println("    SELECT local_id, outcome, ccc_id, matched_on FROM cccid_result ORDER BY local_id;");
        out.println("    SELECT local_id, status, reason_code, status_reason FROM cccid_request WHERE status <> 'DONE';");
    }

    private Path h2Jar() {
        try (Stream<Path> libs = Files.list(home.resolve("target/lib"))) {
            return libs.filter(p -> p.getFileName().toString().startsWith("h2-")).findFirst()
                    .orElse(home.resolve("target/lib/h2.jar"));
        } catch (IOException e) {
            return home.resolve("target/lib/h2.jar");
        }
    }

    private static void deleteDemoDatabase(Path database) throws IOException {
        Files.createDirectories(database.getParent());
        for (String suffix : new String[] {".mv.db", ".trace.db"}) {
            Files.deleteIfExists(Path.of(database + suffix));
        }
    }
}
