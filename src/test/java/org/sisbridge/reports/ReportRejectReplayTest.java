package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Rejected report rows replayed with {@code ./sisbridge rejects replay}: rows of a college missing
 * from sisbridge.mis-codes stage once it is added (read by the report's own header, columns
 * shuffled), each exactly once under its report and line; rows with bad values stay rejected.
 */
class ReportRejectReplayTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void rowsOfAForgottenMisCodeStageOnceTheCodeIsConfigured(DatabaseKind kind) throws Exception {
        TestDatabase db = TestDatabases.create(kind, "reports-replay");
        try (AgentFixture fixture = ReportsAgent.fixture(ReportBadRowsTest.everyFormAndEveryBadRow(), db,
                ReportsAgent.workDir("replay"))) {
            fixture.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load") == 2);
            fixture.stopAgent();
            Map<String, Long> before = fixture.db().rejectsByReason("idme-status-report");
            long foreign = before.get("MIS_CODE_NOT_CONFIGURED");
            long rowsBefore = fixture.db().count("SELECT COUNT(*) FROM idme_status_change");
            var foreignRejects = fixture.db().rows("SELECT source_ref, line_number FROM sisbridge_reject"
                    + " WHERE source = 'idme-status-report' AND reason_code = 'MIS_CODE_NOT_CONFIGURED'");
            String wrongMis = fixture.simulator.feed().wrongMisCode();
            long loadedBefore = fixture.db().count("SELECT SUM(rows_loaded) FROM sisbridge_report_load");
            long rejectedBefore = fixture.db().count("SELECT SUM(rows_rejected) FROM sisbridge_report_load");

            String config = new SiteConfig(fixture.simulator, db).set("sisbridge.mis-codes", "111," + wrongMis).write().toString();
            Cli.Result replay = Cli.run("rejects", "replay", "--source", "idme-status-report", "--config", config);
            assertThat(replay.exitCode()).as("rows with bad values remain").isEqualTo(1);
            long others = before.values().stream().mapToLong(Long::longValue).sum() - foreign;
            assertThat(replay.out()).contains((foreign + others) + " reject(s) replayed: " + foreign + " staged (0 of them already there), "
                    + others + " still rejected.");

            for (Map<String, Object> r : foreignRejects) {
                assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change WHERE report_id = ? AND line_number = ?"
                        + " AND mis_code = ?", r.get("source_ref"), ((Number) r.get("line_number")).longValue(), wrongMis))
                        .as("row %s:%s staged once", r.get("source_ref"), r.get("line_number")).isEqualTo(1);
            }
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(rowsBefore + foreign);
            // each report's load row still adds up: the staged rows moved from rejected to loaded
            assertThat(fixture.db().count("SELECT SUM(rows_loaded) FROM sisbridge_report_load")).isEqualTo(loadedBefore + foreign);
            assertThat(fixture.db().count("SELECT SUM(rows_rejected) FROM sisbridge_report_load")).isEqualTo(rejectedBefore - foreign);
            for (Map<String, Object> load : fixture.db().rows("SELECT report_id, rows_loaded, rows_rejected FROM sisbridge_report_load")) {
                long staged = fixture.db().count("SELECT COUNT(*) FROM idme_status_change WHERE report_id = ?", load.get("report_id"));
                assertThat(((Number) load.get("rows_loaded")).longValue()).as("report %s", load.get("report_id")).isEqualTo(staged);
            }
            Map<String, Long> after = new HashMap<>(before);
            after.remove("MIS_CODE_NOT_CONFIGURED");
            assertThat(fixture.db().rejectsByReason("idme-status-report")).isEqualTo(after);
        }
    }
}
