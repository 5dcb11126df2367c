package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A report whose load failed (the connection cut mid-load, in an audit) while the poll's later
 * reports loaded: the listing was then asked only from the latest loaded period less lookback-days,
 * so a failed report of a backfill further back was never listed, nor loaded, again (three of 148).
 * Now a report the last listing offered and that is still not loaded pulls the next listing back to
 * its period. Here the failure is the state it leaves: the oldest report's load row gone while the
 * later ones are there, with no lookback at all.
 *
 * <p>What the last listing offered was first kept in memory, so a restart between the failure and the
 * next poll forgot it, and the restarted agent's listing (from the latest loaded period) never named
 * the report again. It is now in the agent's own table, written on each real database.
 */
class FailedReportOutsideLookbackTest {

    @Test
    void aReportOfTheLastListingThatDidNotLoadIsAskedForAgainHoweverOld() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 6000; // three days: three DAILY reports and a WEEKLY
        try (AgentFixture fixture = ReportsAgent.fixture(settings, TestDatabase.h2File("failed-report-lookback"),
                        ReportsAgent.workDir("failed-report-lookback"))
                .property("sisbridge.reports.lookback-days", 0)
                .property("sisbridge.reports.poll-interval-ms", 3_600_000)) {
            SisbridgeAgent agent = fixture.start();
            List<ReportCatalog.Entry> listed = fixture.simulator.reports().reports("111", null);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load") == listed.size());

            ReportCatalog.Entry oldest = listed.stream().min(Comparator.comparing(ReportCatalog.Entry::periodEnd)).orElseThrow();
            fixture.db().update("DELETE FROM sisbridge_report_load WHERE report_id = ?", oldest.reportId());
            int downloadsBefore = fixture.simulator.reportCounters().downloads(oldest.reportId());

            ReportsAgent.pollNow(agent);

            assertThat(fixture.simulator.reportCounters().downloads(oldest.reportId())).isEqualTo(downloadsBefore + 1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load WHERE report_id = ?",
                    oldest.reportId())).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aRestartedAgentStillAsksForAReportTheLastListingOfferedThatDidNotLoad(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 6000;
        try (AgentFixture fixture = ReportsAgent.fixture(settings, TestDatabases.create(kind, "failed-report-restart"),
                        ReportsAgent.workDir("failed-report-restart"))
                .property("sisbridge.reports.lookback-days", 0)
                .property("sisbridge.reports.poll-interval-ms", 3_600_000)) {
            fixture.start();
            List<ReportCatalog.Entry> listed = fixture.simulator.reports().reports("111", null);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load") == listed.size());
            fixture.stopAgent();

            // the state a load cut mid-backfill leaves: the oldest report's rows and load row rolled back
            ReportCatalog.Entry oldest = listed.stream().min(Comparator.comparing(ReportCatalog.Entry::periodEnd)).orElseThrow();
            fixture.db().update("DELETE FROM idme_status_change WHERE report_id = ?", oldest.reportId());
            fixture.db().update("DELETE FROM sisbridge_report_load WHERE report_id = ?", oldest.reportId());
            int downloadsBefore = fixture.simulator.reportCounters().downloads(oldest.reportId());

            fixture.start(); // its first poll is at once

            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.db().count(
                    "SELECT COUNT(*) FROM sisbridge_report_load WHERE report_id = ?", oldest.reportId()) == 1);
            assertThat(fixture.simulator.reportCounters().downloads(oldest.reportId())).isEqualTo(downloadsBefore + 1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load")).isEqualTo(listed.size());
        }
    }
}
