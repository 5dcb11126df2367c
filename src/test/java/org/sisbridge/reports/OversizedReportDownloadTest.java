package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/**
 * A report download that carries far more than its listing declares (issue 11: 150 MB for a
 * listing of one row, again on every poll) stops at the size the listing allows: the report is
 * refused with one line and recorded as failed, nothing of it is staged, no poll downloads more
 * than that bound, and the wait before the next try doubles with every refusal.
 */
class OversizedReportDownloadTest {

    @Test
    void aDownloadLargerThanItsListingAllowsIsCutOffThereAndTheReportRefused() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 4000; // two days: two DAILY reports and one WEEKLY
        settings.hostile.oversizedReportBytes = 200L * 1024 * 1024; // streamed by the simulator, never held
        Path work = ReportsAgent.workDir("oversized");
        try (AgentFixture fixture = ReportsAgent.fixture(settings, TestDatabase.h2File("reports-oversized"), work)
                .property("sisbridge.reports.max-row-bytes", 512)
                .property("sisbridge.reports.download-slack-bytes", 64 * 1024)
                .property("sisbridge.reports.oversized-retry-max-ms", 1000)) {
            long started = System.nanoTime();
            SisbridgeAgent agent = fixture.start();
            ReportsFlowStatistics statistics = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            // polled every 200 ms: each report refused again and again, but less and less often
            await().atMost(Duration.ofSeconds(30)).until(() -> statistics.snapshot().refused() >= 9);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no poll reads the 200 MB")
                    .isLessThan(Duration.ofSeconds(30));

            String failure = agent.bean("flowActivity", FlowActivity.class).lastFailure(ReportIntake.FLOW, "111");
            assertThat(failure).contains("refused", "the download was stopped with", "bytes saved", "the listing declares",
                    "sisbridge.reports.max-row-bytes");
            // stopped at (rows + 1) x 512 + 64 KB, a few hundred KB, not 200 MB
            Matcher stoppedAt = Pattern.compile("stopped with (\\d+) bytes saved").matcher(failure);
            assertThat(stoppedAt.find()).isTrue();
            assertThat(Long.parseLong(stoppedAt.group(1))).isLessThan(4L * 1024 * 1024);

            // the wait before the next download doubles with each refusal: fewer downloads than listings
            for (var entry : fixture.simulator.reports().reports("111", null)) {
                assertThat((long) fixture.simulator.reportCounters().downloads(entry.reportId())).as(entry.reportId())
                        .isLessThan(fixture.simulator.reportCounters().listings());
            }
            assertThat(statistics.snapshot().loaded()).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
            // the cut-off downloads left no temporary file behind
            fixture.stopAgent();
            try (Stream<Path> left = Files.list(work.resolve("download"))) {
                assertThat(left).isEmpty();
            }
        }
    }
}
