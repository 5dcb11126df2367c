package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.KeyedInsert;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The agent dies in the middle of a report, after some of its chunks committed; a new agent on
 * the same database must end with every row and every reject exactly once, and one load-table row.
 */
class ReportCrashRecoveryTest {

    /** A table that "crashes the process" from its Nth chunk on, after the earlier chunks committed. */
    static final class CrashingStatusChangeTable extends StatusChangeTable {
        private final AtomicInteger chunks = new AtomicInteger();
        private final int crashOnChunk;
        final AtomicInteger crashes = new AtomicInteger();

        CrashingStatusChangeTable(int crashOnChunk) {
            super("idme_status_change");
            this.crashOnChunk = crashOnChunk;
        }

        @Override
        public int insertNew(Connection connection, KeyedInsert.Prepared<StatusChangeRow> rows)
                throws SQLException {
            if (chunks.incrementAndGet() >= crashOnChunk) {
                crashes.incrementAndGet();
                throw new SQLException("injected crash in the middle of a report");
            }
            return super.insertNew(connection, rows);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void crashInTheMiddleOfAReportThenRestartLoadsItExactlyOnce(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 4000;
        settings.reports.weekly = false;
        settings.reports.badRowRate = 0.03;
        try (AgentFixture fixture = ReportsAgent.fixture(settings, TestDatabases.create(kind, "reports-crash"),
                ReportsAgent.workDir("crash")).property("sisbridge.staging.batch-size", 100)) {
            CrashingStatusChangeTable crashing = new CrashingStatusChangeTable(6);
            fixture.start(agent -> agent.bean("statusChangeTable", crashing));
            await().atMost(Duration.ofSeconds(60)).until(() -> crashing.crashes.get() > 0);
            fixture.stopAgent();

            // five chunks of the first report committed, the sixth rolled back, no report recorded as loaded
            long rowsBefore = fixture.db().count("SELECT COUNT(*) FROM idme_status_change");
            assertThat(rowsBefore).isPositive().isLessThanOrEqualTo(500);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject")).isPositive();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();

            fixture.start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load") == 2);

            ReportCatalog catalog = fixture.simulator.reports();
            ReportsStagedExactlyOnce.assertStaged(fixture.db(), catalog);
        }
    }
}
