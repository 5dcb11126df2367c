package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.ReportRow;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/** The listing poll: new reports load, loaded ones are not fetched again, a re-listed version loads once. */
class ReportListingTest {

    /** 6000 events at 37 s: three days, so three DAILY reports and one WEEKLY. */
    static SimulatorSettings threeDays() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 6000;
        return s;
    }

    /** A server that writes each href as the whole URL (its own host and port) instead of the contract's path. */
    @Test
    void aListingOfWholeUrlsOnTheConfiguredUpstreamLoadsItsReports() throws Exception {
        SimulatorSettings settings = threeDays();
        settings.reports.absoluteHrefs = true;
        try (AgentFixture fixture = ReportsAgent.fixture(settings, TestDatabases.create(DatabaseKind.H2, "reports-absolute-href"),
                ReportsAgent.workDir("absolute-href"))) {
            ReportCatalog catalog = fixture.simulator.reports();
            catalog.publishDays(2);
            fixture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> loads(fixture) == 2);

            assertThat(fixture.simulator.reportCounters().downloads("111-DAILY-2024-01-01")).isEqualTo(1);
            assertThat(fixture.simulator.reportCounters().downloads("111-DAILY-2024-01-02")).isEqualTo(1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isPositive();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void newLoadedAndRelistedReportsEachLoadExactlyOnce(DatabaseKind kind) throws Exception {
        try (AgentFixture fixture = ReportsAgent.fixture(threeDays(), TestDatabases.create(kind, "reports-listing"),
                ReportsAgent.workDir("listing"))) {
            ReportCatalog catalog = fixture.simulator.reports();
            catalog.publishDays(2);
            fixture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> loads(fixture) == 2);

            catalog.reissue("111-DAILY-2024-01-01");
            catalog.publishDays(3);
            await().atMost(Duration.ofSeconds(60)).until(() -> loads(fixture) == 5);
            long listingsNow = fixture.simulator.reportCounters().listings();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.simulator.reportCounters().listings() >= listingsNow + 2);

            var downloads = fixture.simulator.reportCounters();
            assertThat(downloads.downloads("111-DAILY-2024-01-01")).as("original and re-issue").isEqualTo(2);
            assertThat(downloads.downloads("111-DAILY-2024-01-02")).as("loaded once, never fetched again").isEqualTo(1);
            assertThat(downloads.downloads("111-DAILY-2024-01-03")).isEqualTo(1);
            assertThat(downloads.downloads("111-WEEKLY-2024-01-01")).isEqualTo(1);

            Set<String> expectedKeys = new HashSet<>();
            for (ReportCatalog.Entry day : catalog.reports("111", null)) {
                if (day.period().equals("DAILY")) {
                    for (Iterator<ReportRow> rows = catalog.rows(day); rows.hasNext(); ) {
                        ReportRow r = rows.next();
                        expectedKeys.add(r.cccid() + "|" + r.latestAppId() + "|" + r.changedAt());
                    }
                }
            }
            List<Object> keys = fixture.db().column("SELECT row_key FROM idme_status_change");
            assertThat(keys).hasSize(expectedKeys.size());
            assertThat(new HashSet<>(keys)).isEqualTo(expectedKeys);

            List<Map<String, Object>> versions = fixture.db().rows(
                    "SELECT sha256, rows_loaded, source FROM sisbridge_report_load WHERE report_id = ?", "111-DAILY-2024-01-01");
            assertThat(versions).hasSize(2);
            assertThat(versions).extracting(v -> v.get("sha256")).doesNotHaveDuplicates();
            assertThat(versions).extracting(v -> ((Number) v.get("rows_loaded")).longValue()).containsOnly(
                    ((Number) versions.get(0).get("rows_loaded")).longValue());
            assertThat(versions).extracting(v -> v.get("source")).containsOnly("upstream");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
        }
    }

    private static long loads(AgentFixture fixture) {
        return fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load");
    }
}
