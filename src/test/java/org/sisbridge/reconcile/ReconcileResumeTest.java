package org.sisbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.StudentPopulation;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A reconciliation cut off by the agent stopping after its first batch, then run again: the run is resumed under
 * its own id, ends with exactly one outcome per student and the counts an uninterrupted run gives (the two
 * students sharing a CCCID sit in different batches, one before the cut and one after), and nothing is created upstream.
 */
class ReconcileResumeTest {

    static final String QUERY = "SELECT local_id, ccc_id, first_name, last_name, birth_date, email FROM sis_student"
            + " ORDER BY local_id";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aRunStoppedAfterItsFirstBatchIsResumedToOneOutcomePerStudent(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "reconcile-resume");
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), database)) {
            createSis(database, fixture.simulator.accounts().population());
            fixture.property("sisbridge.events.enabled", false).property("sisbridge.roster.enabled", false)
                    .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                    .property("sisbridge.reconcile.enabled", true).property("sisbridge.reconcile.initial-delay-ms", 0)
                    .property("sisbridge.reconcile.batch-size", 2).property("sisbridge.reconcile.sql", QUERY)
                    // each batch waits a second for its job, so the agent stops well before the last one
                    .property("sisbridge.roster.job-poll-initial-delay-ms", 1000)
                    .property("sisbridge.roster.job-poll-max-delay-ms", 1000);
            StagingQueries db = fixture.db();
            fixture.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> rows(db) >= 2);
            fixture.stopAgent();

            long before = rows(db);
            assertThat(before).as("outcomes recorded before the stop").isBetween(2L, 7L);
            assertThat(db.column("SELECT status FROM sisbridge_reconcile_run")).containsExactly("RUNNING");
            String runId = (String) db.single("SELECT run_id FROM sisbridge_reconcile_run");

            fixture.property("sisbridge.roster.job-poll-initial-delay-ms", 20).property("sisbridge.roster.job-poll-max-delay-ms", 200)
                    .start();
            await().atMost(Duration.ofSeconds(60)).until(() -> db.count("SELECT COUNT(*) FROM sisbridge_reconcile_run"
                    + " WHERE status = 'COMPLETE'") == 1);

            assertThat(db.column("SELECT run_id FROM sisbridge_reconcile_run")).as("the same run, resumed").containsExactly(runId);
            assertOneOutcomeEachAsAnUninterruptedRunGives(db);
            assertThat(fixture.simulator.accounts().accountsCreated()).as("accounts created in mode match-only").isZero();
            // the students recorded before the stop were not asked about again (at most the cut batch was)
            assertThat(fixture.simulator.accounts().matchLookups()).isBetween(8L, 10L);
        }
    }

    /** One row per student of {@link #createSis}, with the counts an uninterrupted run of them gives. */
    static void assertOneOutcomeEachAsAnUninterruptedRunGives(StagingQueries db) {
        assertThat(db.count("SELECT COUNT(*) FROM cccid_reconcile")).isEqualTo(8);
        assertThat(db.count("SELECT COUNT(DISTINCT local_id) FROM cccid_reconcile")).isEqualTo(8);
        Map<String, Long> counts = new LinkedHashMap<>();
        db.rows("SELECT outcome, COUNT(*) AS n FROM cccid_reconcile GROUP BY outcome ORDER BY outcome").forEach(r ->
                counts.put(String.valueOf(r.values().toArray()[0]), ((Number) r.values().toArray()[1]).longValue()));
        // ReconcileEndToEndTest shows each outcome
        assertThat(counts).containsExactly(Map.entry("AGREE", 3L), Map.entry("DIFFERS", 1L), Map.entry("SHARED_CCCID", 2L),
                Map.entry("UNKNOWN_UPSTREAM", 2L));
        assertThat(db.column("SELECT local_id FROM cccid_reconcile WHERE outcome = 'SHARED_CCCID' ORDER BY local_id"))
                .containsExactly("L3", "L5");
    }

    static long rows(StagingQueries db) {
        try {
            return db.count("SELECT COUNT(*) FROM cccid_reconcile");
        } catch (RuntimeException e) {
            return 0; // not migrated yet
        }
    }

    /**
     * Batches of two by local id: [L1 L2] agree, [L3 L4] L3 shares its CCCID with L5 / L4 upstream knows under another,
     * [L5 L6] L5 shares / L6 agrees, [L7 L8] unknown upstream.
     */
    static void createSis(TestDatabase database, StudentPopulation population) throws Exception {
        SimulatedStudent s0 = population.student(0);
        SimulatedStudent s1 = population.student(1);
        SimulatedStudent s2 = population.student(2);
        SimulatedStudent s3 = population.student(3);
        SimulatedStudent s4 = population.student(4);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sis_student (local_id VARCHAR(20), ccc_id VARCHAR(10), first_name VARCHAR(40),"
                    + " last_name VARCHAR(40), birth_date DATE, email VARCHAR(80))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sis_student VALUES (?, ?, ?, ?, ?, ?)")) {
                insert(ps, "L1", s0.cccid(), s0.firstName(), s0.lastName(), s0.birthDate(), s0.email());
                insert(ps, "L2", s1.cccid(), s1.firstName(), s1.lastName(), s1.birthDate(), s1.email());
                insert(ps, "L3", s2.cccid(), s2.firstName(), s2.lastName(), s2.birthDate(), s2.email());
                insert(ps, "L4", population.cccid(population.size() + 700), s3.firstName(), s3.lastName(), s3.birthDate(), s3.email());
                insert(ps, "L5", s2.cccid(), "Quentin", "Nowhere-Seen", LocalDate.of(1991, 3, 4), "quentin.nowhere@example.edu");
                insert(ps, "L6", s4.cccid(), s4.firstName(), s4.lastName(), s4.birthDate(), s4.email());
                insert(ps, "L7", population.cccid(population.size() + 701), "Ysolde", "Neverheard", LocalDate.of(1988, 7, 9),
                        "ysolde.neverheard@example.edu");
                insert(ps, "L8", population.cccid(population.size() + 702), "Tycho", "Unlisted", LocalDate.of(1979, 2, 1),
                        "tycho.unlisted@example.edu");
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
