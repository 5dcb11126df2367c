package org.sisbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.ReportCsvWriter;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.AgentProcess;
import org.sisbridge.testsupport.StagingQueries;

/**
 * {@code sisbridge run} as a real process, stopped with SIGTERM in the middle of a large report
 * while the events feed is being pulled: it exits 0 in time with one "stopped:" line, keeps what
 * it committed, and a restart ends with every report row and every event staged exactly once and
 * the report's load row recorded once.
 */
class GracefulShutdownTest {

    private static final int REPORT_ROWS = 40_000;
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 20;
    private static final String REPORT_ID = "backfill-shutdown";

    @Test
    void sigtermInTheMiddleOfALargeReportThenRestartStagesEverythingExactlyOnce() throws Exception {
        Path work = AgentFixture.HOME.resolve("target/test-shutdown/run-" + System.nanoTime());
        Path inbox = work.resolve("inbox");
        Files.createDirectories(inbox);
        Set<String> reportKeys = writeLargeReport(inbox.resolve(REPORT_ID + ".csv"));

        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 6_000;
        settings.reports.weekly = false;
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0)) {
            Path db = work.resolve("staging");
            // AUTO_SERVER: the test reads the database while the agent process holds it
            String jdbcUrl = "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE";
            Path config = writeConfig(work, simulator, jdbcUrl, inbox);
            Map<String, String> env = Map.of("SISBRIDGE_CLIENT_SECRET", settings.clientSecret);
            StagingQueries staging = new StagingQueries(jdbcUrl, "sa", "");
            Path logs = AgentFixture.HOME.resolve("target/test-logs/graceful-shutdown-" + System.nanoTime());

            try (AgentProcess first = AgentProcess.start(config, logs.resolve("first"), env)) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !first.isAlive() || Files.exists(Path.of(db + ".mv.db"))
                                && rows(staging, "SELECT COUNT(*) FROM idme_status_change") > 0);
                assertThat(first.isAlive()).as("the agent process is running").isTrue();
                first.terminate();
                assertThat(first.awaitExit(Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS + 15))).isZero();
                // within the shutdown timeout: the flows ended their work in flight, nothing was cut off
                assertThat(first.logLines()).filteredOn(line -> line.contains("stopped: SIGTERM received")).singleElement()
                        .asString().contains("every flow finished or rolled back its batch in flight");
            }
            // stopped mid-report: some chunks committed, no load row, the file still in the inbox
            long staged = staging.count("SELECT COUNT(*) FROM idme_status_change");
            assertThat(staged).isPositive().isLessThan(reportKeys.size());
            assertThat(staging.count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();
            assertThat(inbox.resolve(REPORT_ID + ".csv")).exists();

            // the test opens the database itself from here on: the restarted agent joins it through H2's
            // AUTO_SERVER instead of racing the test's last query for the file lock ("Lock file recently modified")
            try (java.sql.Connection holder = java.sql.DriverManager.getConnection(jdbcUrl, "sa", "");
                 AgentProcess second = AgentProcess.start(config, logs.resolve("second"), env)) {
                long events = settings.eventsPerMisCode;
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> !second.isAlive()
                                || rows(staging, "SELECT COUNT(*) FROM sisbridge_report_load") > 0
                                && rows(staging, "SELECT COUNT(*) FROM idme_status_event") >= events);
                assertThat(second.isAlive()).as("the restarted agent process is running").isTrue();
                second.terminate();
                assertThat(second.awaitExit(Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS + 15))).isZero();
            }

            List<Object> keys = staging.column("SELECT row_key FROM idme_status_change");
            assertThat(keys).hasSize(reportKeys.size());
            assertThat(new HashSet<>(keys)).isEqualTo(reportKeys);
            assertThat(staging.column("SELECT report_id FROM sisbridge_report_load")).containsExactly(REPORT_ID);
            assertThat(staging.count("SELECT rows_loaded + rows_rejected FROM sisbridge_report_load")).isEqualTo(REPORT_ROWS);

            EventFeed feed = simulator.feed();
            Set<String> eventIds = new HashSet<>();
            for (long i = 0; i < feed.size(); i++) {
                eventIds.add(feed.event("111", i).eventId());
            }
            List<Object> stagedEvents = staging.column("SELECT event_id FROM idme_status_event");
            assertThat(stagedEvents).hasSize(eventIds.size());
            assertThat(new HashSet<>(stagedEvents)).isEqualTo(eventIds);
            assertThat(staging.count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
        }
    }

    /** A clean backfill report of {@value #REPORT_ROWS} rows from the simulator's catalog; returns its row keys. */
    private static Set<String> writeLargeReport(Path file) throws Exception {
        SimulatorSettings large = new SimulatorSettings();
        large.eventsPerMisCode = REPORT_ROWS * 2 + 100;
        large.reports.weekly = false;
        ReportCatalog catalog = new ReportCatalog(large, new EventFeed(large));
        Set<String> keys = new HashSet<>();
        // written beside the inbox and moved in, so the drop folder never sees half a file
        Path partial = file.resolveSibling("../" + file.getFileName() + ".part").normalize();
        try (OutputStream out = Files.newOutputStream(partial)) {
            new ReportCsvWriter(large.reports).write(out, catalog.backfill("111", REPORT_ROWS),
                    (row, line) -> keys.add(row.cccid() + "|" + row.latestAppId() + "|" + row.changedAt()));
        }
        Files.move(partial, file);
        return keys;
    }

    private static Path writeConfig(Path work, UpstreamSimulator simulator, String jdbcUrl, Path inbox) throws Exception {
        return AgentProcess.siteConfig(work, simulator, jdbcUrl, SHUTDOWN_TIMEOUT_SECONDS,
                "sisbridge.events.poll-interval-ms = 200",
                "sisbridge.events.initial-delay-ms = 0",
                "sisbridge.events.page-size = 200",
                // the listing's daily reports are small: this test drops one large report instead
                "sisbridge.reports.enabled = false",
                "sisbridge.reports.inbox = " + inbox,
                "sisbridge.reports.inbox-poll-interval-ms = 100",
                "sisbridge.reports.inbox-settle-ms = 100",
                "sisbridge.reports.download-folder = " + work.resolve("download"),
                "sisbridge.roster.enabled = false");
    }

    /** A count, or -1 while the agent has not created the table yet. */
    private static long rows(StagingQueries staging, String sql) {
        try {
            return staging.count(sql);
        } catch (IllegalStateException notYet) {
            return -1;
        }
    }
}
