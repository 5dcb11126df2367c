package org.sisbridge.check.deep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Issue 14, point 8: {@code check --deep} runs every statement of every enabled flow through the
 * mapping, on each database kind (SQL Server and Oracle in H2's compatibility modes), says OK per
 * statement, and leaves the database exactly as it found it (row counts of every table compared).
 */
class DeepCheckTest {

    private UpstreamSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = UpstreamSimulator.start(new SimulatorSettings(), 0);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    static Stream<Arguments> kindsAndMappings() {
        return TestDatabases.withCompatibilityModes().flatMap(kind -> Stream.of("generic", "peoplesoft", "banner")
                .map(mapping -> Arguments.of(kind, mapping)));
    }

    @ParameterizedTest(name = "{1} mapping on {0}")
    @MethodSource("kindsAndMappings")
    void everyStatementOfEveryFlowPassesAndNothingStays(DatabaseKind kind, String mapping) throws Exception {
        TestDatabase db = TestDatabases.create(kind, "deep-" + mapping);
        String config = migrated(db, mapping);
        Map<String, Long> before = rowCounts(db);

        Cli.Result result = Cli.run("check", "--deep", "--config", config);

        String deep = result.out().substring(result.out().indexOf("Deep check:"));
        if (kind == DatabaseKind.SQLSERVER_ON_H2) {
            // H2 does not know SQL Server's HOLDLOCK hint of the flow-run MERGE (the in-process suites strip it, see
            // H2SqlServerModeDialect; the CLI runs the real SQL): the deep check says so, with H2's message, and
            // that is the only statement it finds wrong
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(deep).containsOnlyOnce("ERROR").contains("ERROR staging: flow-run upsert (sisbridge_flow_run),"
                    + " insert then update: Syntax error in SQL statement \"MERGE INTO sisbridge_flow_run WITH [*](HOLDLOCK)");
            deep = deep.replaceAll("ERROR staging: flow-run upsert[^\\n]*", "OK    staging: flow-run upsert");
        } else {
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        assertThat(deep).as(result.toString())
                .contains("OK    events: insert into ", "OK    events: duplicate lookup", "OK    events: checkpoint compare-and-set",
                        "OK    reports: row lookup and insert", "OK    reports: load row check and insert",
                        "OK    roster: outbox insert", "OK    roster: outbox PENDING -> SENT", "OK    roster: outbox SENT -> DONE",
                        "OK    roster: result insert", "OK    roster: batch closed (COMPLETE)",
                        "OK    staging: reject insert", "OK    staging: flow-run upsert",
                        "OK    deep check: everything it wrote was rolled back")
                .doesNotContain("ERROR", "SKIP");
        // one line per statement, each OK
        assertThat(deep.lines().skip(1).filter(l -> !l.isBlank() && !l.startsWith("OK ")).toList())
                .allMatch(l -> l.startsWith("All checks passed") || l.contains("problem(s) found"));
        assertThat(rowCounts(db)).isEqualTo(before);
    }

    @Test
    void aMappedColumnTooShortIsOneErrorWithTheDatabasesMessageAndTheDatabaseStaysUnchanged() throws Exception {
        TestDatabase db = TestDatabases.create(DatabaseKind.H2, "deep-broken");
        String config = migrated(db, "generic");
        execute(db, "ALTER TABLE idme_status_event ALTER COLUMN event_id VARCHAR(5)");
        Map<String, Long> before = rowCounts(db);

        Cli.Result result = Cli.run("check", "--deep", "--config", config);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).containsPattern("ERROR events: insert into idme_status_event: .*(?i)value too long[^\\n]*\\n");
        // the failure is that statement's alone: the flows' other statements still run and pass
        assertThat(result.out()).contains("OK    reports: row lookup and insert", "OK    roster: outbox SENT -> DONE",
                "OK    events: checkpoint compare-and-set");
        assertThat(rowCounts(db)).isEqualTo(before);
    }

    @Test
    void onlyTheEnabledFlowsAreProbedAndAMissingH2FileIsNotCreated() throws Exception {
        TestDatabase missing = TestDatabases.create(DatabaseKind.H2, "deep-missing");
        Cli.Result nothing = Cli.run("check", "--deep", "--config", new SiteConfig(simulator, missing).write().toString());
        assertThat(nothing.out()).contains("SKIP  deep check: there is no H2 database at ");
        assertThat(Path.of(missing.jdbcUrl().substring("jdbc:h2:file:".length(), missing.jdbcUrl().indexOf(';')) + ".mv.db"))
                .doesNotExist();

        TestDatabase db = TestDatabases.create(DatabaseKind.H2, "deep-events-only");
        SiteConfig site = new SiteConfig(simulator, db).set("sisbridge.reports.enabled", false)
                .set("sisbridge.reports.drop-enabled", false).set("sisbridge.roster.enabled", false);
        String config = site.write().toString();
        assertThat(Cli.run("migrate", "--config", config).exitCode()).isZero();
        Cli.Result result = Cli.run("check", "--deep", "--config", config);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("OK    events: duplicate lookup", "OK    staging: flow-run upsert")
                .doesNotContain("reports:", "roster:");
    }

    /** Issue 15: the college's own statements are proven too, each with its key, and leave the SIS as it was. */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("sisKinds")
    void theCollegesOwnStatementsRunOnceEachAndTheSisStaysUnchanged(DatabaseKind kind) throws Exception {
        TestDatabase db = TestDatabases.create(kind, "deep-college-sql");
        execute(db, "CREATE TABLE sis_student (local_id VARCHAR(20) PRIMARY KEY, first_name VARCHAR(50), middle_name VARCHAR(50),"
                + " last_name VARCHAR(50), birth_date DATE, email VARCHAR(100), phone VARCHAR(20), postal_code VARCHAR(10),"
                + " ccc_id VARCHAR(9))");
        execute(db, "INSERT INTO sis_student (local_id, first_name, last_name, birth_date, email, ccc_id) VALUES"
                + " ('S1', 'Ana', 'Alvarez', DATE '2001-02-03', 'ana@example.edu', NULL),"
                + " ('S2', 'Ben', 'Brown', DATE '2000-01-01', 'ben@example.edu', 'ABC1234')");
        execute(db, "CREATE TABLE sis_hold (ccc_id VARCHAR(9), status VARCHAR(20))");
        String columns = "local_id, first_name, middle_name, last_name, birth_date, email, phone, postal_code";
        SiteConfig site = new SiteConfig(simulator, db)
                .set("sisbridge.roster.source.enabled", true)
                .set("sisbridge.roster.source.sql", "SELECT :mis_code AS mis_code, " + columns + " FROM sis_student WHERE ccc_id IS NULL")
                .set("sisbridge.roster.write-back.enabled", true)
                .set("sisbridge.roster.write-back.sql", "UPDATE sis_student SET ccc_id = :ccc_id WHERE local_id = :local_id")
                .set("sisbridge.events.on-change.enabled", true)
                .set("sisbridge.events.on-change.sql", "INSERT INTO sis_hold (ccc_id, status) VALUES (:ccc_id, :idme_status)")
                .set("sisbridge.reconcile.enabled", true)
                .set("sisbridge.reconcile.sql", "SELECT " + columns + ", ccc_id FROM sis_student WHERE ccc_id IS NOT NULL");
        String config = site.write().toString();
        assertThat(Cli.run("migrate", "--config", config).exitCode()).isZero();
        Map<String, Long> before = rowCounts(db);

        Cli.Result result = Cli.run("check", "--deep", "--config", config);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("OK    college SQL: sisbridge.roster.source (one row read, columns checked)",
                "OK    college SQL: sisbridge.reconcile (one row read, columns checked)",
                "OK    college SQL: sisbridge.roster.write-back (statement run with synthetic values)",
                "OK    college SQL: sisbridge.events.on-change (statement run with synthetic values)");
        assertThat(rowCounts(db)).isEqualTo(before);

        // a write-back naming a column the SIS table lacks, and a source query without postal_code: one line each
        site.set("sisbridge.roster.write-back.sql", "UPDATE sis_student SET cccid_typo = :ccc_id WHERE local_id = :local_id")
                .set("sisbridge.roster.source.sql", "SELECT :mis_code AS mis_code, local_id, first_name, middle_name, last_name,"
                        + " birth_date, email, phone FROM sis_student");
        Cli.Result broken = Cli.run("check", "--deep", "--config", site.write().toString());

        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.out()).containsPattern("ERROR college SQL: sisbridge.roster.write-back \\(statement run with synthetic values\\): .*(?i)cccid_typo")
                .contains("ERROR college SQL: sisbridge.roster.source (one row read, columns checked): the query returns no column postal_code")
                .contains("OK    college SQL: sisbridge.events.on-change (statement run with synthetic values)");
        assertThat(rowCounts(db)).isEqualTo(before);
    }

    static Stream<DatabaseKind> sisKinds() {
        return Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB);
    }

    private String migrated(TestDatabase db, String mapping) {
        SiteConfig site = new SiteConfig(simulator, db).set("sisbridge.staging.manage-schema", false);
        if (!mapping.equals("generic")) {
            site.set("sisbridge.staging.mapping", AgentFixture.HOME.resolve("config/mappings/" + mapping + ".yaml"));
        }
        String config = site.write().toString();
        Cli.Result migrate = Cli.run("migrate", "--config", config);
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        return config;
    }

    /** The row count of every table of the staging schema (the agent's own and the mapped ones). */
    private static Map<String, Long> rowCounts(TestDatabase db) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet tables = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (tables.next()) {
                    counts.put(tables.getString("TABLE_NAME"), null);
                }
            }
            for (String table : counts.keySet()) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quoted(meta, table))) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        assertThat(counts).as("tables found").hasSizeGreaterThan(5);
        return counts;
    }

    private static String quoted(DatabaseMetaData meta, String table) throws SQLException {
        String q = meta.getIdentifierQuoteString().trim();
        return q + table + q;
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
