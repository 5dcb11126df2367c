package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.ReportRow;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A college on PeopleSoft: the reports flows write through config/mappings/peoplesoft.yaml into
 * CCTC_IDME_CHANGE_STG and CCTC_IDME_RPT_LOAD, tables the college made itself; the load table's
 * queries (already loaded? where does the next poll resume? were these bytes dropped before?) use
 * the mapped columns and converted values. A mapped column the table lacks stops start-up.
 */
class ReportsMappedLayoutTest {

    private static final Path PEOPLESOFT = AgentFixture.HOME.resolve("config/mappings/peoplesoft.yaml");

    private static void createPeopleSoftTables(TestDatabase database, boolean withSha256) throws Exception {
        StagingDialect d = database.dialect();
        String number = "DECIMAL(19)";
        String status = d.textType(50);
        String changes = "CREATE TABLE CCTC_IDME_CHANGE_STG (INSTITUTION " + d.textType(3) + " NOT NULL, CCTC_ROW_KEY "
                + d.textType(100) + " NOT NULL, CCTC_CCCID " + d.textType(9) + ", CCTC_APP_ID " + number
                + ", APP_SUBMIT_DTTM " + d.timestampType() + ", PREV_IDME_STATUS " + status + ", PREV_IDME_OPTIN_DTTM "
                + d.timestampType() + ", PREV_IDME_CONFIRM_DTTM " + d.timestampType() + ", IDME_STATUS " + status
                + ", IDME_OPTIN_DTTM " + d.timestampType() + ", IDME_CONFIRM_DTTM " + d.timestampType()
                + ", IDME_STATUS_DTTM " + d.timestampType() + ", TRANSITION_VALID " + d.textType(1) + ", CCTC_REPORT_ID "
                + d.textType(100) + ", CCTC_LINE_NBR " + number + ", LOADED_DTTM_TXT " + d.textType(26)
                + ", STATUS_FLAG " + d.textType(1) + ", LASTUPDOPRID " + d.textType(30)
                + ", PRIMARY KEY (INSTITUTION, CCTC_ROW_KEY))";
        String loads = "CREATE TABLE CCTC_IDME_RPT_LOAD (CCTC_REPORT_ID " + d.textType(100) + " NOT NULL"
                + (withSha256 ? ", CCTC_SHA256 " + d.textType(64) : "") + ", INSTITUTION " + d.textType(3)
                + ", CCTC_PERIOD " + d.textType(16) + ", BEGIN_DT DATE, END_DT_TXT " + d.textType(8) + ", CCTC_SOURCE "
                + d.textType(10) + ", ROWS_LOADED " + number + ", ROWS_REJECTED " + number + ", LOADED_DTTM_TXT "
                + d.textType(26) + ", LASTUPDOPRID " + d.textType(30)
                + (withSha256 ? ", PRIMARY KEY (CCTC_REPORT_ID, CCTC_SHA256)" : "") + ")";
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(changes);
            s.execute(loads);
        }
    }

    /** Starts once with the agent's own migrations only (checkpoints, rejects), nothing loaded. */
    private static AgentFixture migrated(TestDatabase database, String label) throws Exception {
        AgentFixture fixture = ReportsAgent.fixture(ReportListingTest.threeDays(), database, ReportsAgent.workDir(label))
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false);
        fixture.start();
        fixture.stopAgent();
        return fixture;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void reportsLandWhereThePeopleSoftMappingSaysWithItsConversions(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "reports-mapped");
        Path work = ReportsAgent.workDir("mapped");
        try (AgentFixture fixture = migrated(database, "mapped-migrate")) {
            createPeopleSoftTables(database, true);
            ReportCatalog catalog = fixture.simulator.reports();
            catalog.publishDays(2);
            fixture.property("sisbridge.staging.manage-schema", false).property("sisbridge.staging.mapping", PEOPLESOFT)
                    .property("sisbridge.reports.enabled", true).property("sisbridge.reports.drop-enabled", true)
                    .property("sisbridge.reports.inbox", work.resolve("inbox").toString())
                    .property("sisbridge.reports.lookback-days", 3);
            SisbridgeAgent agent = fixture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.db().count("SELECT COUNT(*) FROM CCTC_IDME_RPT_LOAD") == 2);

            // every row of the two daily reports, once, in the college's table; none in the generic ones
            Set<String> expectedKeys = new HashSet<>();
            for (ReportCatalog.Entry day : catalog.reports("111", null)) {
                for (Iterator<ReportRow> rows = catalog.rows(day); rows.hasNext(); ) {
                    ReportRow r = rows.next();
                    expectedKeys.add(r.cccid() + "|" + r.latestAppId() + "|" + r.changedAt());
                }
            }
            List<Object> keys = fixture.db().column("SELECT CCTC_ROW_KEY FROM CCTC_IDME_CHANGE_STG");
            assertThat(keys).hasSize(expectedKeys.size());
            assertThat(new HashSet<>(keys)).isEqualTo(expectedKeys);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();

            ReportCatalog.Entry first = catalog.find("111", "111-DAILY-2024-01-01").orElseThrow();
            ReportRow r = catalog.rows(first).next();
            Map<String, Object> row = fixture.db().rows("SELECT * FROM CCTC_IDME_CHANGE_STG WHERE CCTC_ROW_KEY = ?",
                    r.cccid() + "|" + r.latestAppId() + "|" + r.changedAt()).get(0);
            assertThat(row.get("institution")).isEqualTo("111");
            assertThat(row.get("cctc_cccid")).isEqualTo(r.cccid());
            assertThat(((Number) row.get("cctc_app_id")).longValue()).isEqualTo(Long.parseLong(r.latestAppId()));
            assertThat(row.get("idme_status")).isEqualTo(r.currentStatus().toUpperCase());
            assertThat(row.get("cctc_report_id")).isEqualTo("111-DAILY-2024-01-01");
            assertThat((String) row.get("loaded_dttm_txt")).matches("\\d{4}-\\d\\d-\\d\\d-\\d\\d\\.\\d\\d\\.\\d\\d\\.\\d{6}");
            assertThat(row.get("status_flag")).isEqualTo("N");
            assertThat(row.get("lastupdoprid")).isEqualTo("CCTC");
            List<Object> flags = fixture.db().column("SELECT DISTINCT TRANSITION_VALID FROM CCTC_IDME_CHANGE_STG");
            assertThat(flags).contains("Y").isSubsetOf("Y", "N");

            Map<String, Object> load = fixture.db().rows("SELECT * FROM CCTC_IDME_RPT_LOAD WHERE CCTC_REPORT_ID = ?",
                    "111-DAILY-2024-01-01").get(0);
            assertThat(load.get("cctc_sha256")).isEqualTo(catalog.fingerprint(first).sha256().toUpperCase());
            assertThat(load.get("institution")).isEqualTo("111");
            assertThat(load.get("cctc_period")).isEqualTo("DAILY");
            assertThat(String.valueOf(load.get("begin_dt"))).startsWith("2024-01-01");
            assertThat(load.get("end_dt_txt")).isEqualTo("20240101");
            assertThat(load.get("cctc_source")).isEqualTo("UPSTREAM");
            assertThat(((Number) load.get("rows_loaded")).longValue()).isEqualTo(catalog.fingerprint(first).rows());
            assertThat(((Number) load.get("rows_rejected")).longValue()).isZero();
            assertThat((String) load.get("loaded_dttm_txt")).matches("\\d{4}-\\d\\d-\\d\\d-\\d\\d\\.\\d\\d\\.\\d\\d\\.\\d{6}");
            assertThat(load.get("lastupdoprid")).isEqualTo("CCTC");

            // later polls find both versions loaded (sha256 compared upper-cased) and resume from the
            // latest END_DT_TXT read back as a date
            long listingsNow = fixture.simulator.reportCounters().listings();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.simulator.reportCounters().listings() >= listingsNow + 2);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM CCTC_IDME_RPT_LOAD")).isEqualTo(2);
            assertThat(fixture.simulator.reportCounters().downloads("111-DAILY-2024-01-01")).isEqualTo(1);
            assertThat(agent.bean("reportPoller", ReportPoller.class).query("111"))
                    .isEqualTo("since=" + LocalDate.of(2024, 1, 2).minusDays(3));

            // the same bytes dropped in the inbox are found by their (converted) sha256 and not loaded again
            ReportsFlowStatistics statistics = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            Path inbox = work.resolve("inbox");
            Files.createDirectories(inbox);
            Path staged = work.resolve("staging-copy.csv");
            try (OutputStream out = Files.newOutputStream(staged)) {
                catalog.write(first, out);
            }
            Files.move(staged, inbox.resolve("copy.csv"), StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(60)).until(() -> statistics.snapshot().alreadyLoaded() == 1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM CCTC_IDME_RPT_LOAD")).isEqualTo(2);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM CCTC_IDME_CHANGE_STG")).isEqualTo(expectedKeys.size());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void aMappedReportColumnTheTableLacksStopsStartUpWithItsName(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "reports-mapped-missing");
        try (AgentFixture fixture = migrated(database, "mapped-missing")) {
            createPeopleSoftTables(database, false);
            fixture.property("sisbridge.staging.manage-schema", false).property("sisbridge.staging.mapping", PEOPLESOFT)
                    .property("sisbridge.reports.enabled", true);
            assertThatThrownBy(fixture::start)
                    .hasStackTraceContaining("table CCTC_IDME_RPT_LOAD has no column CCTC_SHA256 (text)");
        }
    }
}
