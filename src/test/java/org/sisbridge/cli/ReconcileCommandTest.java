package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * {@code sisbridge reconcile} as an operator types it, against the simulator: one run now with the schedule off,
 * the counts per outcome printed and nothing created upstream; 1 with one line when upstream is gone; 2 when no
 * query is configured or the MIS code is not the site's.
 */
class ReconcileCommandTest {

    private static final String QUERY = "SELECT local_id, ccc_id, first_name, last_name, birth_date, email FROM sis_student"
            + " ORDER BY local_id";

    @Test
    void runsOneReconciliationNowPrintsItsCountsAndSaysWhenItCouldNotComplete() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "reconcile-command");
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), database)) {
            SimulatedStudent known = fixture.simulator.accounts().population().student(0);
            createSis(database, known);
            SiteConfig site = new SiteConfig(fixture.simulator, database).set("sisbridge.upstream.retry.max-redeliveries", 0)
                    .set("sisbridge.roster.job-poll-initial-delay-ms", 20).set("sisbridge.roster.job-poll-max-delay-ms", 200);

            Cli.Result noQuery = Cli.run("reconcile", "--config", site.write().toString());
            assertThat(noQuery.exitCode()).as(noQuery.toString()).isEqualTo(2);
            assertThat(noQuery.err()).contains("sisbridge.reconcile.sql is not set").hasLineCount(1);

            Path config = site.set("sisbridge.reconcile.sql", QUERY).write();
            Cli.Result wrongMis = Cli.run("reconcile", "--config", config.toString(), "--mis-code", "999");
            assertThat(wrongMis.exitCode()).as(wrongMis.toString()).isEqualTo(2);
            assertThat(wrongMis.err()).contains("--mis-code 999 is not one of sisbridge.mis-codes (111)");

            Cli.Result run = Cli.run("reconcile", "--config", config.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).containsPattern("MIS 111: reconciliation rc-111-\\d+ complete, 2 student\\(s\\): \\{AGREE=1,"
                            + " DIFFERS=0, SHARED_CCCID=0, UNKNOWN_UPSTREAM=1, REJECTED=0\\}; 1 conflict\\(s\\)")
                    .contains("/reconcile-conflicts.csv").doesNotContain(known.lastName());
            assertThat(fixture.simulator.accounts().accountsCreated()).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_reconcile")).isEqualTo(2);

            fixture.simulator.close();
            Cli.Result failed = Cli.run("reconcile", "--config", config.toString(), "--mis-code", "111");
            assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
            assertThat(failed.err()).containsPattern("MIS 111: reconciliation rc-111-\\d+ stopped after \\d student\\(s\\);"
                    + " the next run resumes it: ").hasLineCount(1).doesNotContain("\tat ");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reconcile_run WHERE status = 'RUNNING'")).isEqualTo(1);
        }
    }

    /** A run stopped by max-students-per-run is continued by the next one after the students it checked, not restarted. */
    @Test
    void aRunCappedByMaxStudentsPerRunIsContinuedByTheNextOne() throws Exception {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "reconcile-command-cap");
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), database)) {
            createSis(database, fixture.simulator.accounts().population().student(0));
            String config = new SiteConfig(fixture.simulator, database).set("sisbridge.reconcile.sql", QUERY)
                    .set("sisbridge.reconcile.batch-size", 1).set("sisbridge.reconcile.max-students-per-run", 1)
                    .set("sisbridge.roster.job-poll-initial-delay-ms", 20).set("sisbridge.roster.job-poll-max-delay-ms", 200)
                    .write().toString();

            Cli.Result first = Cli.run("reconcile", "--config", config);
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.out()).containsPattern("MIS 111: reconciliation (rc-111-\\d+) stopped at"
                    + " sisbridge.reconcile.max-students-per-run, 1 student\\(s\\) checked so far; the next run");
            assertThat(fixture.db().column("SELECT local_id FROM cccid_reconcile")).containsExactly("L1");

            Cli.Result second = Cli.run("reconcile", "--config", config);
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.out()).contains("complete, 2 student(s): {AGREE=1, DIFFERS=0, SHARED_CCCID=0, UNKNOWN_UPSTREAM=1,");
            assertThat(fixture.db().column("SELECT run_id FROM sisbridge_reconcile_run")).as("one run, continued").hasSize(1);
            assertThat(fixture.simulator.accounts().matchLookups()).as("L1 not asked about again").isEqualTo(2);
        }
    }

    /** The SIS's table in the staging database: one student upstream knows by this CCCID, one it has never seen. */
    private static void createSis(TestDatabase database, SimulatedStudent known) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sis_student (local_id VARCHAR(20), ccc_id VARCHAR(10), first_name VARCHAR(40),"
                    + " last_name VARCHAR(40), birth_date DATE, email VARCHAR(80))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sis_student VALUES (?, ?, ?, ?, ?, ?)")) {
                insert(ps, "L1", known.cccid(), known.firstName(), known.lastName(), known.birthDate(), known.email());
                insert(ps, "L2", "ZZZ9999", "Ysolde", "Neverheard", LocalDate.of(1988, 7, 9), "ysolde.neverheard@example.edu");
            }
        }
    }

    private static void insert(PreparedStatement ps, Object... values) throws Exception {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
        ps.executeUpdate();
    }
}
