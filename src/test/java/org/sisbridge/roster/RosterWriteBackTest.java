package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.sis.NamedSql;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.StatusSnapshotReader;
import org.sisbridge.status.StatusText;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.FreezableTcpProxy;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.FlowMetrics;
import org.sisbridge.watch.StatusPageHtml;

/**
 * Issue 15, write-back: every CCCID that comes back (CREATED or EXISTING) lands in a SIS-like
 * identifier table the test creates, through the shipped samples (config/samples) or a stored
 * procedure, exactly once; a write-back the SIS refuses stays PENDING with the database's message on
 * the status page and in {@code status}, is retried on the next runs, and its CCCID is never lost.
 */
class RosterWriteBackTest {

    private static final String CREATED_OR_EXISTING = "outcome IN ('CREATED', 'EXISTING')";

    static Stream<Arguments> samples() {
        return TestDatabases.all().flatMap(kind -> Stream.of(Arguments.of(kind, "banner"), Arguments.of(kind, "peoplesoft")));
    }

    static Stream<DatabaseKind> servers() {
        return Stream.of(DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB);
    }

    static AgentFixture agent(TestDatabase database, String sample) {
        return RosterFixtures.agent(new SimulatorSettings(), database)
                .property("sisbridge.roster.write-back.enabled", true)
                .property("sisbridge.roster.write-back.sql-file", "config/samples/write-back-" + sample + ".sql");
    }

    @ParameterizedTest(name = "{1} sample on {0}")
    @MethodSource("samples")
    void theShippedSampleWritesEveryCccidIntoTheSisOnce(DatabaseKind kind, String sample) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "write-back-" + sample);
        try (AgentFixture fixture = agent(database, sample)) {
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 5);
            List<String> localIds = List.copyOf(roster.rows.keySet());
            if ("banner".equals(sample)) {
                SisTables.banner(database, kind, localIds);
            } else {
                SisTables.peopleSoft(database);
            }
            Outbox.queue(database, "111", roster.students());
            awaitWriteBacks(fixture, "DONE");

            StagingQueries db = fixture.db();
            assertThat(db.count("SELECT COUNT(*) FROM cccid_result WHERE " + CREATED_OR_EXISTING)).isEqualTo(11);
            // a REJECTED result has no CCCID to write back
            assertThat(db.count("SELECT COUNT(*) FROM cccid_result WHERE outcome = 'REJECTED' AND write_back_status IS NULL"))
                    .isEqualTo(1);
            for (Map<String, Object> r : db.rows("SELECT local_id, ccc_id FROM cccid_result WHERE " + CREATED_OR_EXISTING)) {
                if ("banner".equals(sample)) {
                    long pidm = 1000 + localIds.indexOf((String) r.get("local_id"));
                    assertThat(db.column("SELECT GORADID_ADDITIONAL_ID FROM GORADID WHERE GORADID_PIDM = ? AND GORADID_ADID_CODE = 'CCID'",
                            pidm)).as("GORADID of %s", r.get("local_id")).containsExactly(r.get("ccc_id"));
                } else {
                    assertThat(db.column("SELECT EXTERNAL_SYSTEM_ID FROM PS_EXTERNAL_SYSTEM WHERE EMPLID = ? AND EXTERNAL_SYSTEM = 'CCC'",
                            r.get("local_id"))).as("PS_EXTERNAL_SYSTEM of %s", r.get("local_id")).containsExactly(r.get("ccc_id"));
                }
            }
            assertThat(db.count("banner".equals(sample) ? "SELECT COUNT(*) FROM GORADID" : "SELECT COUNT(*) FROM PS_EXTERNAL_SYSTEM"))
                    .isEqualTo(11);
            RosterOutboxTest.assertOutcomes(fixture, roster);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("servers")
    void aStoredProcedureWritesEveryCccidBackOnce(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "write-back-procedure");
        try (AgentFixture fixture = agent(database, "procedure")) {
            fixture.start();
            SisTables.log(database);
            SisTables.execute(database, kind == DatabaseKind.POSTGRESQL
                    ? "CREATE PROCEDURE sisbridge_write_back(p_mis_code VARCHAR, p_local_id VARCHAR, p_ccc_id VARCHAR,"
                    + " p_outcome VARCHAR, p_matched_on VARCHAR) LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO SIS_CCCID_LOG (LOCAL_ID, CCC_ID, OUTCOME, MATCHED_ON, MIS_CODE)"
                    + " VALUES (p_local_id, p_ccc_id, p_outcome, p_matched_on, p_mis_code); END $$"
                    : "CREATE PROCEDURE sisbridge_write_back(IN p_mis_code VARCHAR(3), IN p_local_id VARCHAR(64),"
                    + " IN p_ccc_id VARCHAR(9), IN p_outcome VARCHAR(16), IN p_matched_on VARCHAR(200)) BEGIN"
                    + " INSERT INTO SIS_CCCID_LOG (LOCAL_ID, CCC_ID, OUTCOME, MATCHED_ON, MIS_CODE)"
                    + " VALUES (p_local_id, p_ccc_id, p_outcome, p_matched_on, p_mis_code); END");
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 5);
            Outbox.queue(database, "111", roster.students());
            awaitWriteBacks(fixture, "DONE");

            assertWrittenOnce(fixture.db());
            // every named value reached the procedure as bound
            assertThat(fixture.db().count("SELECT COUNT(*) FROM SIS_CCCID_LOG l JOIN cccid_result r ON r.local_id = l.LOCAL_ID"
                    + " WHERE l.OUTCOME = r.outcome AND l.MIS_CODE = '111'"
                    + " AND (l.MATCHED_ON = r.matched_on OR (l.MATCHED_ON IS NULL AND r.matched_on IS NULL))")).isEqualTo(11);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aRefusedWriteBackIsRetriedShownAndNeverLosesItsCccid(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "write-back-refused");
        try (AgentFixture fixture = agent(database, "peoplesoft").property("sisbridge.roster.write-back.max-attempts", 15)) {
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 5);
            // no PS_EXTERNAL_SYSTEM yet: the SIS refuses every write-back, the results are recorded all the same
            Outbox.queue(database, "111", roster.students());
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.db().count(
                    "SELECT COUNT(*) FROM cccid_result WHERE write_back_status = 'PENDING' AND write_back_error IS NOT NULL") == 11);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE " + CREATED_OR_EXISTING
                    + " AND ccc_id IS NOT NULL")).isEqualTo(11);
            StatusSnapshot failing = status(fixture);
            assertThat(failing.rosterWriteBacks()).containsEntry("PENDING", 11L);
            assertThat(failing.latestWriteBackError().error()).containsIgnoringCase("PS_EXTERNAL_SYSTEM");
            assertThat(text(failing)).contains("11 CCCID(s) not written yet").containsIgnoringCase("PS_EXTERNAL_SYSTEM");
            assertThat(new StatusPageHtml(ZoneId.of("UTC"), 30).render(failing)).contains("roster-write-back-error");

            // the SIS table appears, with one student's CCC row already there: that one is refused for good
            // (filled under another name and renamed, so no retry can slip in between)
            SisTables.peopleSoft(database, "PS_EXTERNAL_SYSTEM_NEW");
            String taken = (String) fixture.db().single("SELECT MIN(local_id) FROM cccid_result WHERE outcome = 'CREATED'");
            SisTables.execute(database, "INSERT INTO PS_EXTERNAL_SYSTEM_NEW VALUES ('" + taken + "', 'CCC', CURRENT_DATE, 'OLD0001')",
                    "ALTER TABLE PS_EXTERNAL_SYSTEM_NEW RENAME TO PS_EXTERNAL_SYSTEM");
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.db().count(
                    "SELECT COUNT(*) FROM cccid_result WHERE write_back_status = 'DONE'") == 10
                    && fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE write_back_status = 'FAILED'") == 1);

            Map<String, Object> failed = fixture.db().rows("SELECT local_id, ccc_id, write_back_attempts, write_back_error"
                    + " FROM cccid_result WHERE write_back_status = 'FAILED'").get(0);
            assertThat(failed.get("local_id")).isEqualTo(taken);
            assertThat(((Number) failed.get("write_back_attempts")).intValue()).isEqualTo(15);
            assertThat((String) failed.get("ccc_id")).as("the CCCID is kept").isNotBlank();
            for (Map<String, Object> r : fixture.db().rows("SELECT local_id, ccc_id FROM cccid_result WHERE write_back_status = 'DONE'")) {
                assertThat(fixture.db().column("SELECT EXTERNAL_SYSTEM_ID FROM PS_EXTERNAL_SYSTEM WHERE EMPLID = ?", r.get("local_id")))
                        .containsExactly(r.get("ccc_id"));
            }
            StatusSnapshot settled = status(fixture);
            assertThat(settled.rosterWriteBacks()).containsEntry("DONE", 10L).containsEntry("FAILED", 1L);
            assertThat(settled.latestWriteBackError().status()).isEqualTo("FAILED");
            assertThat(text(settled)).contains("FAILED write-back of outbox row");
            RosterOutboxTest.assertOutcomes(fixture, roster);
        }
    }

    /**
     * A write-back retry run that fails (here its table is gone for a while, as in a botched SIS upgrade) is a
     * failure of flow roster-write-back on the status page, and the next run that ends clears it. The retries
     * run on a route of their own since they stopped holding back new batches; a failure of that route once
     * stayed on the status page for good, as only a roster-push run recorded the roster's successes.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aFailedWriteBackRetryRunIsShownUntilTheNextRunEnds(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "write-back-run-state");
        try (AgentFixture fixture = agent(database, "peoplesoft")) {
            fixture.start();
            FlowActivity activity = fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class);
            SisTables.execute(database, "ALTER TABLE cccid_result RENAME TO cccid_result_away");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> activity.lastFailure(WriteBackRetries.FLOW, "111") != null);
                // the failure is kept in memory first and then written to the flow-run table the status page reads:
                // the page shows it once that write commits, a moment later (a single look once lost that race in CI)
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                        assertThat(flowRun(status(fixture), WriteBackRetries.FLOW)).as("on the status page")
                                .matches(StatusSnapshot.FlowRun::failing));
            } finally {
                SisTables.execute(database, "ALTER TABLE cccid_result_away RENAME TO cccid_result");
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !flowRun(status(fixture), WriteBackRetries.FLOW).failing());
            assertThat(flowRun(status(fixture), WriteBackRetries.FLOW).lastSuccessAt()).isNotNull();
        }
    }

    private static StatusSnapshot.FlowRun flowRun(StatusSnapshot status, String flow) {
        return status.flows().stream().filter(f -> f.flow().equals(flow) && f.scope().equals("111")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + flow + " row on the status page: " + status.flows()));
    }

    /**
     * The staging database's connections are cut while a finished job is settled: after the upstream
     * result, before the transaction with its write-backs commits. The batch settles again on a later
     * run, and the SIS table (which keeps every write) holds each CCCID once.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("servers")
    void aCutBetweenTheUpstreamResultAndTheWriteBackWritesEachCccidOnce(DatabaseKind kind) throws Exception {
        TestDatabase real = TestDatabases.create(kind, "write-back-cut");
        URI server = URI.create(real.jdbcUrl().substring("jdbc:".length()));
        try (FreezableTcpProxy proxy = FreezableTcpProxy.to(server.getHost(), server.getPort())) {
            String timeouts = kind == DatabaseKind.POSTGRESQL ? "?socketTimeout=2&connectTimeout=2&loginTimeout=3"
                    : "?socketTimeout=2000&connectTimeout=2000";
            TestDatabase relayed = new TestDatabase(real.name() + " through a relay", "jdbc:" + server.getScheme() + "://127.0.0.1:"
                    + proxy.port() + server.getPath() + timeouts, real.user(), real.password());
            RosterDatabaseFaultTest.OneFault faultOnce = new RosterDatabaseFaultTest.OneFault(proxy, RosterDatabaseFaultTest.Fault.CUT);
            RosterDatabaseFaultTest.FaultingDataSource faulting = new RosterDatabaseFaultTest.FaultingDataSource(relayed.dataSource(),
                    faultOnce);
            try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), relayed)
                    .property("sisbridge.staging.connection-timeout-ms", 2000)) {
                Clock clock = Clock.systemUTC();
                SisWriteBack writeBack = new SisWriteBack(NamedSql.parse("test write-back", "INSERT INTO SIS_CCCID_LOG"
                        + " (LOCAL_ID, CCC_ID, OUTCOME, MATCHED_ON, MIS_CODE) VALUES (:local_id, :ccc_id, :outcome, :matched_on, :mis_code)",
                        SisWriteBack.PARAMETERS), 5, 30);
                fixture.start(agent -> agent.bean("rosterResultWriter", new RosterResultWriter(faulting,
                        new CccidRequestTable("cccid_request"), new CccidBatchTable("cccid_batch"), new CccidResultTable("cccid_result"),
                        3, new FlowMetrics(new SimpleMeterRegistry(), clock), clock, new FlowActivity(clock), writeBack) {
                    @Override
                    public BatchOutcome settle(OpenBatch batch, BulkJobStatus job) throws SQLException {
                        faulting.arm();
                        return faulting.counted(() -> super.settle(batch, job));
                    }
                }));
                SisTables.log(real);
                RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
                Outbox.queue(real, "111", roster.students());
                await().atMost(Duration.ofSeconds(30)).until(() -> faultOnce.injected.get() > 0);
                await().atMost(Duration.ofSeconds(20)).until(() -> faulting.failures.get() > 0);
                proxy.thaw();

                RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(60));
                RosterOutboxTest.assertOutcomes(real.queries(), fixture.simulator.accounts(), roster);
                assertWrittenOnce(real.queries());
                assertThat(real.queries().count("SELECT COUNT(*) FROM cccid_result WHERE write_back_status = 'DONE'")).isEqualTo(16);
            }
        }
    }

    /** Every CCCID that came back is in the SIS log table exactly once, and nothing else is. */
    static void assertWrittenOnce(StagingQueries db) {
        long results = db.count("SELECT COUNT(*) FROM cccid_result WHERE " + CREATED_OR_EXISTING);
        assertThat(results).isPositive();
        assertThat(db.count("SELECT COUNT(*) FROM SIS_CCCID_LOG")).isEqualTo(results);
        assertThat(db.count("SELECT COUNT(DISTINCT LOCAL_ID) FROM SIS_CCCID_LOG")).isEqualTo(results);
        assertThat(db.count("SELECT COUNT(*) FROM SIS_CCCID_LOG l JOIN cccid_result r ON r.local_id = l.LOCAL_ID"
                + " AND r.ccc_id = l.CCC_ID")).isEqualTo(results);
    }

    static void awaitWriteBacks(AgentFixture fixture, String state) {
        RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> fixture.db().count(
                "SELECT COUNT(*) FROM cccid_result WHERE " + CREATED_OR_EXISTING + " AND (write_back_status IS NULL"
                        + " OR write_back_status <> '" + state + "')") == 0);
    }

    static StatusSnapshot status(AgentFixture fixture) {
        return fixture.camelContext().getRegistry().lookupByNameAndType("statusSnapshotReader", StatusSnapshotReader.class).read();
    }

    static String text(StatusSnapshot s) {
        StringWriter out = new StringWriter();
        StatusText.print(s, new PrintWriter(out));
        return out.toString();
    }
}
