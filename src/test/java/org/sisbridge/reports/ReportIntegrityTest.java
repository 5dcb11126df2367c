package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.ReportSettings;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A download whose bytes do not match the listing (sha256), or that breaks off halfway, commits
 * nothing; the same report loads on the next poll, when the download is good.
 */
class ReportIntegrityTest {

    static Stream<Arguments> faultsOnEveryDatabase() {
        Consumer<ReportSettings> mismatch = r -> r.sha256MismatchTimes = 1;
        Consumer<ReportSettings> truncated = r -> r.truncatedTimes = 1;
        return TestDatabases.all().flatMap(kind -> Stream.of(
                Arguments.of(kind, "sha256 mismatch", mismatch), Arguments.of(kind, "truncated body", truncated)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("faultsOnEveryDatabase")
    void aSpoiledDownloadCommitsNothingAndTheNextPollLoadsTheReport(DatabaseKind kind, String fault,
                                                                     Consumer<ReportSettings> spoil) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 4000; // two days: two DAILY reports and one WEEKLY
        spoil.accept(settings.reports);
        try (AgentFixture fixture = ReportsAgent.fixture(settings, TestDatabases.create(kind, "reports-integrity"),
                ReportsAgent.workDir("integrity"))
                // one timer poll only: the test asks for the second one itself, after looking at the first
                .property("sisbridge.reports.poll-interval-ms", 3_600_000)) {
            SisbridgeAgent agent = fixture.start();
            ReportsFlowStatistics statistics = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> statistics.snapshot().refused() == 3);

            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
            assertThat(statistics.snapshot().loaded()).isZero();

            ReportsAgent.pollNow(agent);
            await().atMost(Duration.ofSeconds(60)).until(() -> statistics.snapshot().loaded() == 3);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load")).isEqualTo(3);
            for (var entry : fixture.simulator.reports().reports("111", null)) {
                long listed = fixture.simulator.reports().fingerprint(entry).rows();
                assertThat(fixture.db().count("SELECT rows_loaded FROM sisbridge_report_load WHERE report_id = ?",
                        entry.reportId())).as(entry.reportId()).isEqualTo(listed);
                assertThat(fixture.simulator.reportCounters().downloads(entry.reportId())).isEqualTo(2);
            }
            assertThat(statistics.snapshot().refused()).isEqualTo(3);
        }
    }
}
