package org.sisbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A reconciliation whose upstream answers slowly, on a SIS database that will not wait for a reader that stops
 * reading: MariaDB with net_write_timeout = 1 s (it aborts a result set the client leaves unread that long),
 * PostgreSQL with idle_in_transaction_session_timeout = 1 s (it ends a session whose transaction waits that long).
 * Both are set for the agent's sessions only, in its JDBC URL. The query's rows are wide (a padding column the
 * agent does not use) so the result outgrows the socket buffers, as a large SIS does. Every upstream call takes
 * 1.5 s. The one scheduled run must complete with every student, no failure: the SIS read does not stay open
 * across the upstream calls.
 */
class ReconcileSlowUpstreamTest {

    private static final int STUDENTS = 1200;
    private static final int PAGE = 400;
    private static final String QUERY = "SELECT local_id, ccc_id, first_name, last_name, birth_date, email,"
            + " REPEAT('x', 10000) AS padding FROM sis_student ORDER BY local_id";

    /** The servers with such a timeout; H2 has none (the paged read itself is ReconcileQueryPagesTest's, on H2 too). */
    static Stream<DatabaseKind> servers() {
        return Stream.of(DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("servers")
    void aSlowUpstreamDoesNotLoseTheSisRead(DatabaseKind kind) throws Exception {
        TestDatabase created = TestDatabases.create(kind, "reconcile-slow");
        TestDatabase database = impatient(created, kind);
        SimulatorSettings settings = new SimulatorSettings();
        settings.slowResponseRate = 1.0;
        settings.slowResponseMillis = 1500;
        try (AgentFixture fixture = new AgentFixture(settings, database)) {
            createSis(created);
            fixture.property("sisbridge.events.enabled", false).property("sisbridge.roster.enabled", false)
                    .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                    .property("sisbridge.reconcile.enabled", true).property("sisbridge.reconcile.initial-delay-ms", 0)
                    .property("sisbridge.reconcile.batch-size", 400).property("sisbridge.reconcile.sql", QUERY)
                    // pages of 400 wide rows: a page is 4 MB on the wire, the whole read 12 MB, more than the socket buffers hold
                    .property("sisbridge.reconcile.read-page-size", PAGE)
                    .property("sisbridge.roster.job-poll-initial-delay-ms", 20)
                    .property("sisbridge.roster.job-poll-max-delay-ms", 200);
            StagingQueries db = fixture.db();
            fixture.start();
            String misCode = settings.misCodes.get(0);
            // ends with the run complete, or with the run's failure on the status page (then the test fails saying it)
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                    .until(() -> complete(db) || failure(fixture, misCode) != null);

            assertThat(failure(fixture, misCode)).as("the run's failure on the status page").isNull();
            assertThat(db.column("SELECT status FROM sisbridge_reconcile_run")).containsExactly("COMPLETE");
            assertThat(db.count("SELECT COUNT(DISTINCT local_id) FROM cccid_reconcile")).isEqualTo(STUDENTS);
            assertThat(db.count("SELECT COUNT(*) FROM cccid_reconcile")).isEqualTo(STUDENTS);
            assertThat(fixture.simulator.accounts().accountsCreated()).isZero();
        }
    }

    /** The agent's sessions end a read left waiting a second: MariaDB's net_write_timeout, PostgreSQL's idle transaction timeout. */
    private static TestDatabase impatient(TestDatabase database, DatabaseKind kind) {
        String url = database.jdbcUrl();
        String separator = url.contains("?") ? "&" : "?";
        return switch (kind) {
            case MARIADB -> new TestDatabase(database.name(), url + separator + "sessionVariables=net_write_timeout=1",
                    database.user(), database.password());
            case POSTGRESQL -> new TestDatabase(database.name(), url + separator
                    + "options=-c%20idle_in_transaction_session_timeout=1000", database.user(), database.password());
            default -> database;
        };
    }

    private static boolean complete(StagingQueries db) {
        try {
            return db.count("SELECT COUNT(*) FROM sisbridge_reconcile_run WHERE status = 'COMPLETE'") == 1;
        } catch (RuntimeException e) {
            return false; // not migrated yet
        }
    }

    private static String failure(AgentFixture fixture, String misCode) {
        return fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class)
                .lastFailure(ReconcileRunner.FLOW, misCode);
    }

    private static void createSis(TestDatabase database) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sis_student (local_id VARCHAR(20), ccc_id VARCHAR(10), first_name VARCHAR(40),"
                    + " last_name VARCHAR(40), birth_date DATE, email VARCHAR(80))");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sis_student VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < STUDENTS; i++) {
                    ps.setString(1, String.format("S%05d", i));
                    ps.setString(2, null);
                    ps.setString(3, "Wren" + i);
                    ps.setString(4, "Slowpath");
                    ps.setObject(5, LocalDate.of(1990, 1, 1).plusDays(i));
                    ps.setString(6, "wren" + i + ".slowpath@example.edu");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
