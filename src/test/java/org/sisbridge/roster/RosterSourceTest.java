package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.StatusSnapshotReader;
import org.sisbridge.status.StatusText;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SqlScript;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.StatusPageHtml;

/**
 * The SIS source query end to end, against the simulator: the shipped sample queries run on SIS-like
 * tables the test creates (Banner-like, PeopleSoft-like), their students reach upstream and get CCCIDs,
 * and each enters the outbox once (runs repeated, overlapping, capped).
 */
class RosterSourceTest {

    private static AgentFixture agent(TestDatabase database, String sample, boolean scheduled) {
        return RosterFixtures.agent(new SimulatorSettings(), database)
                .property("sisbridge.roster.source.enabled", scheduled)
                .property("sisbridge.roster.source.sql-file", "config/samples/roster-source-" + sample + ".sql")
                .property("sisbridge.roster.source.poll-interval-ms", 300)
                .property("sisbridge.roster.source.initial-delay-ms", 0)
                .property("sisbridge.roster.source.max-students-per-run", 4);
    }

    private static RosterSourceRun run(AgentFixture fixture) {
        return fixture.camelContext().getRegistry().lookupByNameAndType("rosterSourceRun", RosterSourceRun.class);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void bannerStudentsEnterOnceUnderTheCapAndARejectedOneAgainOnlyAfterItsFieldsChange(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-source-banner");
        try (AgentFixture fixture = agent(database, "banner", false)) {
            fixture.start();
            SisLayouts.createBanner(database);
            for (int pidm = 1; pidm <= 9; pidm++) {
                SisLayouts.bannerStudent(database, pidm, true, null);
            }
            SisLayouts.bannerStudent(database, 10, true, "ABC1234"); // has a CCCID already
            SisLayouts.bannerStudent(database, 11, false, null);      // not enrolled
            // a bad e-mail: queued REJECTED with its reason, the others go on
            SqlScript.run(database.dataSource(), "UPDATE GOREMAL SET GOREMAL_EMAIL_ADDRESS = 'not-an-address' WHERE GOREMAL_PIDM = 5"
                    + " AND GOREMAL_PREFERRED_IND = 'Y';");

            RosterSourceRun source = run(fixture);
            assertThat(source.run("111")).isEqualTo(new RosterSourceCounts(9, 4, 0, 0, 0, 5));
            // the cap's count is on the status page and in `status`, not only in the log
            assertThat(statusText(fixture)).contains("roster-source          111 held back by the cap")
                    .contains("(received 5, stored 0, duplicates 0, rejected 0)");
            assertThat(statusPage(fixture)).contains("data-scope=\"111 held back by the cap\"><td>roster-source</td><td>111 held"
                    + " back by the cap</td><td><span class=\"ok\">OK</span></td>").contains("<td class=\"n\" data-received=\"5\">");
            assertThat(source.run("111")).isEqualTo(new RosterSourceCounts(9, 4, 0, 4, 1, 1));
            assertThat(source.run("111")).isEqualTo(new RosterSourceCounts(9, 1, 0, 8, 0, 0));
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(60));
            // every run after that finds them queued, DONE, or REJECTED with the same fields
            assertThat(source.run("111")).isEqualTo(new RosterSourceCounts(9, 0, 0, 9, 0, 0));

            String rejected = SisLayouts.localId(5);
            assertThat(fixture.db().single("SELECT reason_code FROM cccid_request WHERE local_id = ?", rejected)).isEqualTo("INVALID_EMAIL");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE ccc_id IS NOT NULL")).isEqualTo(8);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE local_id IN (?, ?)",
                    SisLayouts.localId(10), SisLayouts.localId(11))).isZero();

            // the college fixes the e-mail in the SIS: the student is queued again, once
            SqlScript.run(database.dataSource(), "UPDATE GOREMAL SET GOREMAL_EMAIL_ADDRESS = 'fixed5@example.edu' WHERE GOREMAL_PIDM = 5"
                    + " AND GOREMAL_PREFERRED_IND = 'Y';");
            assertThat(source.run("111")).isEqualTo(new RosterSourceCounts(9, 0, 1, 8, 0, 0));
            assertThat(flowRun(fixture, "111 re-sent after a change").lastCounts()).isEqualTo(new BatchCounts(1, 1, 0, 0));
            assertThat(flowRun(fixture, "111 held back by the cap").lastCounts()).isEqualTo(BatchCounts.NONE);
            assertThat(statusText(fixture)).containsPattern("111 re-sent after a change +last success \\S+ \\(received 1, stored 1,");
            assertThat(source.run("111")).isEqualTo(new RosterSourceCounts(9, 0, 0, 9, 0, 0));
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.db().count(
                    "SELECT COUNT(*) FROM cccid_result WHERE local_id = ? AND ccc_id IS NOT NULL", rejected) == 1);
            assertEachStudentLive(fixture, 9);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE local_id = ?", rejected)).isEqualTo(2);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);

            // the status page's counts of the last run
            FlowActivity.Entry entry = fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class)
                    .snapshot().get("roster-source/111");
            assertThat(entry.lastCounts().received()).isEqualTo(9);
            assertThat(entry.lastCounts().duplicates()).isEqualTo(9);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void peopleSoftStudentsGetCccidsOnTheSchedule(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-source-peoplesoft");
        // the SIS tables exist before the agent's first run
        SisLayouts.createPeopleSoft(database);
        for (int n = 1; n <= 10; n++) {
            SisLayouts.peopleSoftStudent(database, n, n != 9, n == 10 ? "XYZ9876" : null);
        }
        try (AgentFixture fixture = agent(database, "peoplesoft", true)) {
            fixture.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE ccc_id IS NOT NULL") == 8);
            assertEachStudentLive(fixture, 8);
            assertThat(fixture.db().column("SELECT DISTINCT postal_code FROM cccid_request")).containsExactly("95814-1234");
            assertThat(fixture.db().column("SELECT DISTINCT middle_name FROM cccid_request")).containsExactly("Mid");
            assertThat(fixture.db().column("SELECT DISTINCT source FROM cccid_request")).containsExactly("sis-source");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void colleagueStudentsGetCccidsWithTheirPreferredEmailAndHomePhone(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-source-colleague");
        SisLayouts.createColleague(database);
        for (int n = 1; n <= 10; n++) {
            SisLayouts.colleagueStudent(database, n, n != 9, n == 10 ? "XYZ9876" : null);
        }
        try (AgentFixture fixture = agent(database, "colleague", true)) {
            fixture.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE ccc_id IS NOT NULL") == 8);
            assertEachStudentLive(fixture, 8);
            assertThat(fixture.db().single("SELECT email FROM cccid_request WHERE local_id = ?", SisLayouts.localId(3)))
                    .isEqualTo(SisLayouts.email(3));
            assertThat(fixture.db().single("SELECT phone FROM cccid_request WHERE local_id = ?", SisLayouts.localId(3)))
                    .isEqualTo("9167000003");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE local_id IN (?, ?)",
                    SisLayouts.localId(9), SisLayouts.localId(10))).isZero();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void overlappingRunsQueueEachStudentOnce(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-source-overlap");
        try (AgentFixture fixture = agent(database, "banner", false)
                .property("sisbridge.roster.enabled", false)
                .property("sisbridge.roster.source.max-students-per-run", 100000)
                .property("sisbridge.staging.batch-size", 50)) {
            fixture.start();
            SisLayouts.createBanner(database);
            for (int pidm = 1; pidm <= 300; pidm++) {
                SisLayouts.bannerStudent(database, pidm, true, null);
            }
            RosterSourceRun source = run(fixture);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<RosterSourceCounts>> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    runs.add(pool.submit((Callable<RosterSourceCounts>) () -> source.run("111")));
                }
                long entered = 0;
                for (Future<RosterSourceCounts> f : runs) {
                    entered += f.get().entered();
                }
                assertThat(entered).isEqualTo(300);
            } finally {
                pool.shutdownNow();
            }
            assertEachStudentLive(fixture, 300);
        }
    }

    /**
     * A roster file is staff's deliberate act and enters the outbox whatever is queued already (docs/flows.md),
     * so a file and the source queuing the same students at the same moment may queue some twice. That is
     * harmless: upstream's duplicate matching answers the second EXISTING with the same CCCID, and no student
     * gets a second account; a file dropped again later for the same students goes the same way.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aRosterFileAndTheSourceQueuingTheSameStudentsAtOnceCreateOneAccountEach(DatabaseKind kind) throws Exception {
        int students = 60;
        TestDatabase database = TestDatabases.create(kind, "roster-source-file-race");
        try (AgentFixture fixture = agent(database, "banner", false)
                .property("sisbridge.roster.source.max-students-per-run", 100000)
                .property("sisbridge.roster.batch-size", 50)
                .property("sisbridge.staging.batch-size", 10)) {
            fixture.start();
            SisLayouts.createBanner(database);
            StringBuilder csv = new StringBuilder("mis_code,local_id,first_name,middle_name,last_name,birth_date,email,phone,postal_code\n");
            for (int pidm = 1; pidm <= students; pidm++) {
                SisLayouts.bannerStudent(database, pidm, true, null);
                csv.append("111,").append(SisLayouts.localId(pidm)).append(",First").append(SisLayouts.letters(pidm))
                        .append(",,Lastname").append(SisLayouts.letters(pidm)).append(',').append(SisLayouts.birthDate(pidm))
                        .append(',').append(SisLayouts.email(pidm)).append(",916").append(7000000 + pidm).append(",95814\n");
            }
            java.nio.file.Path file = java.nio.file.Files.createTempDirectory(AgentFixture.HOME.resolve("target"), "race")
                    .resolve("race.csv");
            java.nio.file.Files.writeString(file, csv);
            RosterSourceRun source = run(fixture);
            RosterFileLoader loader = fixture.camelContext().getRegistry().lookupByNameAndType("rosterFileLoader", RosterFileLoader.class);
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<RosterSourceCounts> fromSource = pool.submit(() -> {
                    together.await();
                    return source.run("111");
                });
                Future<Long> fromFile = pool.submit(() -> {
                    together.await();
                    return loader.load(file.toFile(), "race.csv");
                });
                assertThat(fromFile.get()).isEqualTo(students);
                assertThat(fromSource.get().read()).isEqualTo(students);
            } finally {
                pool.shutdownNow();
            }
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(60));
            assertOneAccountAndOneCccidEach(fixture, students);

            // the file dropped again later, changed (so not refused as the same content): every student queued again, harmlessly
            java.nio.file.Files.writeString(file, csv.toString().replace("\n", "\r\n"));
            assertThat(loader.load(file.toFile(), "race-again.csv")).isEqualTo(students);
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(60));
            assertOneAccountAndOneCccidEach(fixture, students);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE outcome = 'EXISTING'")).isGreaterThanOrEqualTo(students);
            // the source still finds every student queued
            assertThat(source.run("111")).isEqualTo(new RosterSourceCounts(students, 0, 0, students, 0, 0));
        }
    }

    /** Every outbox row DONE, one account per student upstream, and all of a student's results carry the same CCCID. */
    private static void assertOneAccountAndOneCccidEach(AgentFixture fixture, int students) {
        assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status <> 'DONE'")).isZero();
        assertThat(fixture.simulator.accounts().accountsCreated()).isEqualTo(students);
        assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        assertThat(fixture.db().count("SELECT COUNT(*) FROM (SELECT local_id FROM cccid_result GROUP BY local_id"
                + " HAVING COUNT(DISTINCT ccc_id) > 1 OR COUNT(ccc_id) < COUNT(*)) split")).isZero();
        assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE outcome = 'CREATED'")).isEqualTo(students);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void badRowsAreRejectedWithAReasonAndAQueryMissingAColumnIsOneClearFailure(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-source-bad-rows");
        SqlScript.run(database.dataSource(), """
                CREATE TABLE SIS_STUDENT (MIS VARCHAR(3), STUDENT_ID VARCHAR(80), FIRST VARCHAR(40), LAST VARCHAR(40), BORN VARCHAR(20),
                    EMAIL VARCHAR(80), PHONE VARCHAR(20), ZIP VARCHAR(10));
                INSERT INTO SIS_STUDENT VALUES ('111', 'G1', 'Ana', 'Lopez', '2001-03-04', 'ana@example.edu', '9165550101', '95814');
                INSERT INTO SIS_STUDENT VALUES ('111', 'G2', 'Ben', 'Ng', '2005-02-30', 'ben@example.edu', '9165550102', '95814');
                INSERT INTO SIS_STUDENT VALUES ('111', '  ', 'Cy', 'Roe', '2001-03-04', 'cy@example.edu', '9165550103', '95814');
                INSERT INTO SIS_STUDENT VALUES ('222', 'G4', 'Di', 'Fox', '2001-03-04', 'di@example.edu', '9165550104', '95814');
                """);
        // no :mis_code: the query returns mis_code and the agent keeps this college's rows
        String select = "SELECT MIS AS mis_code, STUDENT_ID AS local_id, FIRST AS first_name, NULL AS middle_name,"
                + " LAST AS last_name, BORN AS birth_date, EMAIL AS email, PHONE AS phone";
        try (AgentFixture fixture = agent(database, "banner", false)
                .property("sisbridge.roster.source.sql-file", "") // one of sql and sql-file, never both
                .property("sisbridge.roster.source.sql", select + ", ZIP AS postal_code FROM SIS_STUDENT;")) {
            fixture.start();
            assertThat(run(fixture).run("111")).isEqualTo(new RosterSourceCounts(3, 2, 0, 0, 2, 0));
            assertThat(fixture.db().single("SELECT reason_code FROM cccid_request WHERE local_id = 'G2'")).isEqualTo("INVALID_BIRTH_DATE");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE local_id = 'G1' AND ccc_id IS NOT NULL") == 1);
        }
        try (AgentFixture fixture = agent(database, "banner", true)
                .property("sisbridge.roster.source.sql-file", "")
                .property("sisbridge.roster.source.sql", select + " FROM SIS_STUDENT")) {
            fixture.start();
            FlowActivity activity = fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> activity.lastFailure("roster-source", "111") != null);
            assertThat(activity.lastFailure("roster-source", "111"))
                    .contains("sisbridge.roster.source.sql: the query returns no column postal_code");
        }
    }

    /** The query is read as every college statement is (ConfiguredSql): inline or a file, never both. */
    @Test
    void aQueryGivenBothInlineAndAsAFileStopsStartUp() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "roster-source-both");
        try (AgentFixture fixture = agent(database, "banner", false).property("sisbridge.roster.source.sql", "SELECT * FROM SIS_VIEW")) {
            assertThatThrownBy(fixture::start).hasStackTraceContaining(
                    "sisbridge.roster.source.sql and sisbridge.roster.source.sql-file are both set: keep one");
        }
    }

    private static StatusSnapshot status(AgentFixture fixture) {
        return fixture.camelContext().getRegistry().lookupByNameAndType("statusSnapshotReader", StatusSnapshotReader.class).read();
    }

    /** What `sisbridge status` prints for this database. */
    private static String statusText(AgentFixture fixture) {
        StringWriter text = new StringWriter();
        StatusText.print(status(fixture), new PrintWriter(text));
        return text.toString();
    }

    private static String statusPage(AgentFixture fixture) {
        return new StatusPageHtml(ZoneId.of("UTC"), 30).render(status(fixture));
    }

    private static StatusSnapshot.FlowRun flowRun(AgentFixture fixture, String scope) {
        return status(fixture).flows().stream().filter(f -> f.flow().equals("roster-source") && f.scope().equals(scope))
                .findFirst().orElseThrow();
    }

    /** Each student has exactly one outbox row that is not REJECTED or ERROR. */
    private static void assertEachStudentLive(AgentFixture fixture, int students) {
        assertThat(fixture.db().count("SELECT COUNT(DISTINCT local_id) FROM cccid_request")).isEqualTo(students);
        assertThat(fixture.db().count("SELECT COUNT(*) FROM (SELECT local_id FROM cccid_request WHERE status NOT IN ('REJECTED', 'ERROR')"
                + " GROUP BY local_id HAVING COUNT(*) > 1) twice")).isZero();
    }
}
