package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.ReportRowAnomaly;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Reports in every tolerated form (columns reordered, an extra column, BOM, CRLF, quoted fields
 * holding commas, quotes and line breaks) with every kind of bad row: each bad row lands in the
 * rejects with its own reason and its line number, every good row loads.
 */
class ReportBadRowsTest {

    private static final Map<ReportRowAnomaly, String> REASON = Map.of(
            ReportRowAnomaly.TIMESTAMP_FORM, "INVALID_REPORT_TIMESTAMP",
            ReportRowAnomaly.UNKNOWN_STATUS, "UNKNOWN_STATUS",
            ReportRowAnomaly.NULL_PREVIOUS_STATUS, "NO_PREVIOUS_STATUS",
            ReportRowAnomaly.CCCID_FORM, "INVALID_CCCID",
            ReportRowAnomaly.FOREIGN_MIS_CODE, "MIS_CODE_NOT_CONFIGURED",
            ReportRowAnomaly.APP_ID_NOT_NUMERIC, "INVALID_APPLICATION_ID",
            ReportRowAnomaly.APP_ID_17_DIGITS, "INVALID_APPLICATION_ID");

    static SimulatorSettings everyFormAndEveryBadRow() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 4000;
        s.reports.weekly = false;
        s.reports.badRowRate = 0.05;
        s.reports.shuffledColumns = true;
        s.reports.extraColumn = true;
        s.reports.bom = true;
        s.reports.crlf = true;
        s.reports.quotedFields = true;
        return s;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void everyBadRowIsRejectedWithItsReasonAndLineAndEveryGoodRowLoads(DatabaseKind kind) throws Exception {
        try (AgentFixture fixture = ReportsAgent.fixture(everyFormAndEveryBadRow(), TestDatabases.create(kind, "reports-bad-rows"),
                ReportsAgent.workDir("bad-rows"))) {
            fixture.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load") == 2);

            ReportCatalog catalog = fixture.simulator.reports();
            Map<String, String> expectedRejects = new HashMap<>();
            Set<String> expectedGood = new HashSet<>();
            Set<ReportRowAnomaly> seen = EnumSet.noneOf(ReportRowAnomaly.class);
            for (ReportCatalog.Entry report : catalog.reports("111", null)) {
                catalog.write(report, OutputStream.nullOutputStream(), (row, line) -> {
                    seen.add(row.anomaly());
                    if (row.anomaly() == ReportRowAnomaly.NONE) {
                        expectedGood.add(row.cccid() + "|" + row.latestAppId() + "|" + row.changedAt());
                    } else {
                        expectedRejects.put(report.reportId() + ":" + line, REASON.get(row.anomaly()));
                    }
                });
            }
            assertThat(seen).as("the reports hold every kind of bad row").containsAll(REASON.keySet());

            Map<String, String> rejects = new HashMap<>();
            for (Map<String, Object> r : fixture.db().rows("SELECT record_key, reason_code, source_ref, line_number"
                    + " FROM sisbridge_reject WHERE source = 'idme-status-report'")) {
                rejects.put((String) r.get("record_key"), (String) r.get("reason_code"));
                String key = (String) r.get("record_key");
                assertThat(key).isEqualTo(r.get("source_ref") + ":" + ((Number) r.get("line_number")).longValue());
            }
            assertThat(rejects).isEqualTo(expectedRejects);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject WHERE raw_input LIKE ?",
                    "%\"\"voicemail\"\"%")).as("raw rows kept as they stood, quotes doubled").isEqualTo(rejects.size());
            var keys = fixture.db().column("SELECT row_key FROM idme_status_change");
            assertThat(new HashSet<>(keys)).isEqualTo(expectedGood);
            assertThat(keys).hasSameSizeAs(expectedGood);
            assertThat(fixture.db().column("SELECT transition_valid FROM idme_status_change"))
                    .allMatch(org.sisbridge.testsupport.StagingQueries::isTrue);
        }
    }
}
