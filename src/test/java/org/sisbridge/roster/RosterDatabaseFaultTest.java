package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.FreezableTcpProxy;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.FlowMetrics;

/**
 * The staging database fails in the middle of a roster run, on a real server reached through a relay:
 * frozen (the driver's read timeout ends the wait) or with its connections cut, right after a batch's
 * POST (before its job is recorded) or while a finished job is settled. After the relay is back and
 * the next runs, every student is settled once, with one result, and no account was created twice.
 */
class RosterDatabaseFaultTest {

    enum Point { AFTER_POST, WHILE_SETTLING }

    enum Fault { FREEZE, CUT }

    static Stream<Arguments> cases() {
        return Stream.of(DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB).flatMap(kind -> Stream.of(
                Arguments.of(kind, Point.AFTER_POST, Fault.FREEZE),
                Arguments.of(kind, Point.WHILE_SETTLING, Fault.CUT),
                Arguments.of(kind, Point.WHILE_SETTLING, Fault.FREEZE)));
    }

    /** Runs the fault once, on the first time the run reaches its point; the rest of the call then meets it. */
    static final class OneFault {
        private final FreezableTcpProxy proxy;
        private final Fault fault;
        final AtomicInteger injected = new AtomicInteger();

        OneFault(FreezableTcpProxy proxy, Fault fault) {
            this.proxy = proxy;
            this.fault = fault;
        }

        void here() {
            if (injected.compareAndSet(0, 1)) {
                if (fault == Fault.FREEZE) {
                    proxy.freeze();
                } else {
                    proxy.cut();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}: {2} {1}")
    @MethodSource("cases")
    void aDatabaseFaultInTheMiddleOfARunCostsNoStudentAndCreatesNoAccountTwice(DatabaseKind kind, Point point, Fault fault)
            throws Exception {
        TestDatabase real = TestDatabases.create(kind, "roster-db-fault");
        URI server = URI.create(real.jdbcUrl().substring("jdbc:".length()));
        try (FreezableTcpProxy proxy = FreezableTcpProxy.to(server.getHost(), server.getPort())) {
            // the driver's read timeout ends a frozen wait (docs/databases-and-mapping.md, "Databases"); connecting is bounded as well
            String timeouts = kind == DatabaseKind.POSTGRESQL ? "?socketTimeout=2&connectTimeout=2&loginTimeout=3"
                    : "?socketTimeout=2000&connectTimeout=2000";
            TestDatabase relayed = new TestDatabase(real.name() + " through a relay", "jdbc:" + server.getScheme() + "://127.0.0.1:"
                    + proxy.port() + server.getPath() + timeouts, real.user(), real.password());
            OneFault faultOnce = new OneFault(proxy, fault);
            FaultingDataSource faulting = new FaultingDataSource(relayed.dataSource(), faultOnce);
            try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), relayed)
                    .property("sisbridge.staging.connection-timeout-ms", 2000)) {
                RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
                Clock clock = Clock.systemUTC();
                CccidRequestTable requests = new CccidRequestTable("cccid_request");
                CccidBatchTable batches = new CccidBatchTable("cccid_batch");
                fixture.start(agent -> {
                    if (point == Point.AFTER_POST) {
                        agent.bean("rosterBatches", new RosterBatches(faulting, requests, batches,
                                new BulkAccountJson(new ObjectMapper()), clock) {
                            @Override
                            public OpenBatch recordJob(OpenBatch batch, String jobId) throws SQLException {
                                faulting.arm();
                                return faulting.counted(() -> super.recordJob(batch, jobId));
                            }
                        });
                    } else {
                        agent.bean("rosterResultWriter", new RosterResultWriter(faulting, requests, batches,
                                new CccidResultTable("cccid_result"), 3, new FlowMetrics(new SimpleMeterRegistry(), clock), clock,
                                new FlowActivity(clock)) {
                            @Override
                            public BatchOutcome settle(OpenBatch batch, BulkJobStatus job) throws SQLException {
                                faulting.arm();
                                return faulting.counted(() -> super.settle(batch, job));
                            }
                        });
                    }
                });
                Outbox.queue(real, "111", roster.students());
                await().atMost(Duration.ofSeconds(30)).until(() -> faultOnce.injected.get() > 0);
                // the run meets the fault and ends (a frozen statement after the driver's read timeout) ...
                await().atMost(Duration.ofSeconds(20)).until(() -> faulting.failures.get() > 0);
                // ... and the database is back for the next runs
                proxy.thaw();

                RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(60));
                RosterOutboxTest.assertOutcomes(fixture.db(), fixture.simulator.accounts(), roster);
                assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
                assertThat(fixture.simulator.accounts().accountsCreated()).isEqualTo(10);
                // every batch recorded got one job, a resent batch its old one (its batch id is the Idempotency-Key)
                assertThat(fixture.simulator.bulkJobs().created())
                        .isEqualTo(fixture.db().count("SELECT COUNT(*) FROM cccid_batch"));
            }
        }
    }

    /**
     * The relayed database of the bean under test: once armed, the next connection it hands out is
     * made first and then meets the fault, so the fault falls between the statements of a transaction.
     */
    static final class FaultingDataSource implements DataSource {
        private final DataSource real;
        private final OneFault fault;
        private volatile boolean armed;
        /** Calls of the bean under test that failed (the one that met the fault, and any while the database was away). */
        final AtomicInteger failures = new AtomicInteger();

        FaultingDataSource(DataSource real, OneFault fault) {
            this.real = real;
            this.fault = fault;
        }

        interface Call<T> {
            T run() throws SQLException;
        }

        void arm() {
            armed = true;
        }

        <T> T counted(Call<T> call) throws SQLException {
            try {
                return call.run();
            } catch (SQLException | RuntimeException e) {
                failures.incrementAndGet();
                throw e;
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = real.getConnection();
            if (armed) {
                armed = false;
                fault.here();
            }
            return connection;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return real.getConnection(user, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }
}
