package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.sisbridge.testsupport.RelayedDatabase;
import org.sisbridge.testsupport.StagingQueries;

/**
 * The staging database's connections are cut in the middle of a source run, at the commit of its
 * fourth chunk: before the commit reaches the database (the chunk is lost) or after it did (the chunk
 * is in, but the run hears only the reset). The agent is then restarted and its scheduled run goes on.
 * Whichever it was, every student ends in the outbox exactly once and upstream creates one account each.
 */
class RosterSourceCrashTest {

    private static final int STUDENTS = 120;
    private static final int CHUNK = 10;
    private static final int CUT_AT_COMMIT = 4;

    enum Cut { BEFORE_COMMIT, AFTER_COMMIT }

    static Stream<Arguments> cases() {
        return Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB)
                .flatMap(kind -> Stream.of(Arguments.of(kind, Cut.BEFORE_COMMIT), Arguments.of(kind, Cut.AFTER_COMMIT)));
    }

    @ParameterizedTest(name = "{0}: connections cut {1}")
    @MethodSource("cases")
    void aRunCutMidEnqueueAndAnAgentRestartQueueEachStudentOnceAndCreateOneAccountEach(DatabaseKind kind, Cut cut)
            throws Exception {
        try (RelayedDatabase database = RelayedDatabase.create(kind, "roster-source-crash", false);
             AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database.relayed)
                     .property("sisbridge.roster.source.enabled", true)
                     .property("sisbridge.roster.source.sql-file", "config/samples/roster-source-banner.sql")
                     .property("sisbridge.roster.source.initial-delay-ms", 0)
                     // the first agent runs once; its run is cut, and only the restarted agent goes on
                     .property("sisbridge.roster.source.poll-interval-ms", 600_000)
                     .property("sisbridge.roster.source.max-students-per-run", 100_000)
                     .property("sisbridge.staging.batch-size", CHUNK)
                     .property("sisbridge.roster.batch-size", 50)
                     .property("sisbridge.staging.connection-timeout-ms", 3000)) {
            SisLayouts.createBanner(database.direct);
            for (int pidm = 1; pidm <= STUDENTS; pidm++) {
                SisLayouts.bannerStudent(database.direct, pidm, true, null);
            }
            StagingQueries direct = database.direct.queries();
            CommitCut commits = new CommitCut(database.proxy, cut);
            Clock clock = Clock.systemUTC();
            RosterSourceRun cutRun = new RosterSourceRun(database.relayed.dataSource(), RosterSourceQuery.parse(Files.readString(
                    AgentFixture.HOME.resolve("config/samples/roster-source-banner.sql"), StandardCharsets.UTF_8), 50, 60),
                    new RosterSourceEnqueuer(commits.around(database.relayed.dataSource()), new CccidRequestTable("cccid_request"), new CccidSourceStudentTable(),
                            new RosterValidator(clock, 13, 110, true), clock), CHUNK, 100_000, new FlowActivity(clock));
            fixture.start(agent -> agent.bean("rosterSourceRun", cutRun));

            FlowActivity activity = fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> activity.lastFailure("roster-source", "111") != null);
            assertThat(commits.cuts.get()).isEqualTo(1);
            long queuedBeforeRestart = direct.count("SELECT COUNT(*) FROM cccid_source_student");
            // the chunks committed before the cut stay; the cut chunk is in only if its commit reached the database
            assertThat(queuedBeforeRestart).isEqualTo(cut == Cut.BEFORE_COMMIT ? (CUT_AT_COMMIT - 1) * CHUNK : CUT_AT_COMMIT * CHUNK);
            assertThat(direct.count("SELECT COUNT(*) FROM cccid_request")).isEqualTo(queuedBeforeRestart);

            fixture.stopAgent();
            fixture.property("sisbridge.roster.source.poll-interval-ms", 300);
            fixture.start();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    direct.count("SELECT COUNT(*) FROM cccid_result WHERE ccc_id IS NOT NULL") == STUDENTS);

            assertThat(direct.count("SELECT COUNT(*) FROM cccid_request")).as("one outbox row per student").isEqualTo(STUDENTS);
            assertThat(direct.count("SELECT COUNT(DISTINCT local_id) FROM cccid_request")).isEqualTo(STUDENTS);
            assertThat(direct.count("SELECT COUNT(*) FROM cccid_source_student")).isEqualTo(STUDENTS);
            assertThat(direct.count("SELECT COUNT(*) FROM cccid_request WHERE status = 'DONE'")).isEqualTo(STUDENTS);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
            assertThat(fixture.simulator.accounts().accountsCreated()).isEqualTo(STUDENTS);
        }
    }

    /**
     * The enqueuer's connections, each the relayed database's own: at the {@link #CUT_AT_COMMIT}th
     * commit the relay cuts every connection, just before the commit is sent or just after it returned.
     */
    static final class CommitCut {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger cuts = new AtomicInteger();
        private final FreezableTcpProxy proxy;
        private final Cut when;

        CommitCut(FreezableTcpProxy proxy, Cut when) {
            this.proxy = proxy;
            this.when = when;
        }

        DataSource around(DataSource real) {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (self, method, args) -> {
                        Object result = invoke(real, method, args);
                        return method.getName().equals("getConnection") ? connection((Connection) result) : result;
                    });
        }

        private Connection connection(Connection real) {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (self, method, args) -> {
                        boolean cutHere = method.getName().equals("commit") && commits.incrementAndGet() == CUT_AT_COMMIT;
                        if (cutHere && when == Cut.BEFORE_COMMIT) {
                            cuts.incrementAndGet();
                            proxy.cut();
                        }
                        Object result = invoke(real, method, args);
                        if (cutHere && when == Cut.AFTER_COMMIT) {
                            cuts.incrementAndGet();
                            proxy.cut();
                            throw new SQLException("connection reset (the relay cut it after the commit reached the database)",
                                    "08006");
                        }
                        return result;
                    });
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
