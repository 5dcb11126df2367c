package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.KeyedInsert;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.FreezableTcpProxy;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The staging database fails in the middle of a report load, after some of its chunks committed, on
 * a real server reached through a relay: frozen (the driver's read timeout ends the wait) or with
 * its connections cut. The agent goes on running; once the relay is back, the next polls load the
 * report again and every row and reject is staged exactly once, with one load row per report.
 */
class ReportDatabaseFaultTest {

    enum Fault { FREEZE, CUT }

    static Stream<Arguments> cases() {
        return Stream.of(DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB)
                .flatMap(kind -> Stream.of(Arguments.of(kind, Fault.FREEZE), Arguments.of(kind, Fault.CUT)));
    }

    /** Meets the fault at its Nth chunk, inside that chunk's transaction, once; counts the chunks that failed. */
    static final class FaultingStatusChangeTable extends StatusChangeTable {
        private final AtomicInteger chunks = new AtomicInteger();
        private final int faultOnChunk;
        private final Runnable fault;
        final AtomicInteger failures = new AtomicInteger();

        FaultingStatusChangeTable(int faultOnChunk, Runnable fault) {
            super("idme_status_change");
            this.faultOnChunk = faultOnChunk;
            this.fault = fault;
        }

        @Override
        public int insertNew(Connection connection, KeyedInsert.Prepared<StatusChangeRow> rows)
                throws SQLException {
            try {
                if (chunks.incrementAndGet() == faultOnChunk) {
                    fault.run();
                }
                return super.insertNew(connection, rows);
            } catch (SQLException | RuntimeException e) {
                failures.incrementAndGet();
                throw e;
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void aDatabaseFaultInTheMiddleOfAReportLoadsItExactlyOnce(DatabaseKind kind, Fault fault) throws Exception {
        TestDatabase real = TestDatabases.create(kind, "report-db-fault");
        URI server = URI.create(real.jdbcUrl().substring("jdbc:".length()));
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 2000;
        settings.reports.weekly = false;
        settings.reports.badRowRate = 0.03;
        try (FreezableTcpProxy proxy = FreezableTcpProxy.to(server.getHost(), server.getPort())) {
            String timeouts = kind == DatabaseKind.POSTGRESQL ? "?socketTimeout=2&connectTimeout=2&loginTimeout=3"
                    : "?socketTimeout=2000&connectTimeout=2000";
            TestDatabase relayed = new TestDatabase(real.name() + " through a relay", "jdbc:" + server.getScheme() + "://127.0.0.1:"
                    + proxy.port() + server.getPath() + timeouts, real.user(), real.password());
            FaultingStatusChangeTable faulting = new FaultingStatusChangeTable(4, fault == Fault.FREEZE ? proxy::freeze : proxy::cut);
            try (AgentFixture fixture = ReportsAgent.fixture(settings, relayed, ReportsAgent.workDir("db-fault"))
                    .property("sisbridge.staging.batch-size", 50)
                    .property("sisbridge.staging.connection-timeout-ms", 2000)) {
                fixture.start(agent -> agent.bean("statusChangeTable", faulting));
                await().atMost(Duration.ofSeconds(30)).until(() -> faulting.failures.get() > 0);
                // chunks before the fault committed; the report is not recorded as loaded
                assertThat(real.queries().count("SELECT COUNT(*) FROM idme_status_change")).isPositive();
                assertThat(real.queries().count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();
                proxy.thaw();

                ReportCatalog catalog = fixture.simulator.reports();
                int reports = catalog.reports("111", null).size();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> real.queries().count("SELECT COUNT(*) FROM sisbridge_report_load") == reports);
                ReportsStagedExactlyOnce.assertStaged(real.queries(), catalog);
            }
        }
    }

    /** H2 has no server to relay: the fault is injected, a statement that fails once in the 4th chunk's transaction. */
    @org.junit.jupiter.api.Test
    void onH2AFailedChunkIsLoadedAgainByTheNextPollExactlyOnce() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 2000;
        settings.reports.weekly = false;
        settings.reports.badRowRate = 0.03;
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "report-db-fault");
        FaultingStatusChangeTable faulting = new FaultingStatusChangeTable(4, () -> {
            throw new IllegalStateException(new SQLException("injected: the connection was lost in the middle of a report"));
        });
        try (AgentFixture fixture = ReportsAgent.fixture(settings, database, ReportsAgent.workDir("db-fault-h2"))
                .property("sisbridge.staging.batch-size", 50)) {
            fixture.start(agent -> agent.bean("statusChangeTable", faulting));
            ReportCatalog catalog = fixture.simulator.reports();
            int reports = catalog.reports("111", null).size();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> database.queries().count("SELECT COUNT(*) FROM sisbridge_report_load") == reports);
            assertThat(faulting.failures.get()).isEqualTo(1);
            ReportsStagedExactlyOnce.assertStaged(database.queries(), catalog);
        }
    }
}
