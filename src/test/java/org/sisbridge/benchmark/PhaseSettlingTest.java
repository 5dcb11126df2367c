package org.sisbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.FreezableTcpProxy;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Before each timed phase the benchmark lets the database write out what the phases before left in
 * memory: on MariaDB a pass's second phase met the first one's dirty pages (200,000 rows outgrow a
 * 128 MB buffer pool), and the pipeline's last quarter ran at a third of its first's when it followed
 * the warm-up pass. A server that refuses (a user without the privilege) is said, and the run goes on.
 */
class PhaseSettlingTest {

    @TempDir
    Path dir;

    @Test
    void anH2DatabaseTakesACheckpoint() throws Exception {
        BenchmarkDatabase database = BenchmarkDatabase.Server.of("h2", null, null).open("unused", dir.resolve("settle"));
        JdbcDataSource staging = new JdbcDataSource();
        staging.setURL(database.jdbcUrl());
        staging.setUser("sa");
        try (Connection c = staging.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
            s.execute("INSERT INTO t SELECT x, 'row ' || x FROM SYSTEM_RANGE(1, 10000)");
        }

        assertThat(database.settle(staging)).isNull();

        try (Connection c = staging.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10000);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aServerWritesOutItsDirtyPagesAndKeepsItsSettings(DatabaseKind kind) throws Exception {
        TestDatabases.create(kind, "bench-settle"); // skips where the server is not reachable
        BenchmarkDatabase.Server server = server(kind, null);
        String keptPercent = kind == DatabaseKind.MARIADB ? scalar(server, "SELECT @@GLOBAL.innodb_max_dirty_pages_pct") : null;
        try (BenchmarkDatabase database = server.open("sisbridge_bench_settle", dir.resolve("unused"))) {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))");
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
                    for (int i = 0; i < 20_000; i++) {
                        insert.setInt(1, i);
                        insert.setString(2, "a row long enough to dirty a few hundred pages " + i);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                c.commit();
            }

            assertThat(database.settle(null)).isNull();

            if (kind == DatabaseKind.MARIADB) {
                long pool = Long.parseLong(status(server, "Innodb_buffer_pool_pages_total"));
                assertThat(Long.parseLong(status(server, "Innodb_buffer_pool_pages_dirty"))).isLessThanOrEqualTo(pool / 100);
                assertThat(scalar(server, "SELECT @@GLOBAL.innodb_max_dirty_pages_pct")).isEqualTo(keptPercent);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aUserWithoutThePrivilegeIsToldOnceAndThePhasesGoOn(DatabaseKind kind) throws Exception {
        TestDatabases.create(kind, "bench-settle-user");
        BenchmarkDatabase.Server admin = server(kind, null);
        String user = "sisbridge_bench_plain";
        String keptPercent = kind == DatabaseKind.MARIADB ? scalar(admin, "SELECT @@GLOBAL.innodb_max_dirty_pages_pct") : null;
        // may make and drop its benchmark databases, not checkpoint the server or set a global variable
        if (kind == DatabaseKind.MARIADB) {
            onServer(admin, "CREATE USER IF NOT EXISTS " + user + "@'%'");
            onServer(admin, "GRANT ALL ON `sisbridge\\_bench\\_%`.* TO " + user + "@'%'");
            onServer(admin, "GRANT SELECT ON test.* TO " + user + "@'%'"); // the server URL's database
        } else {
            onServer(admin, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + user
                    + "') THEN CREATE ROLE " + user + " LOGIN CREATEDB; END IF; END $$");
        }
        // opened as the admin first: it drops what interrupted benchmarks left, which the user could not
        try (BenchmarkDatabase cleared = admin.open("sisbridge_bench_settle_admin", dir.resolve("unused"))) {
            BenchmarkDatabase asUser = server(kind, user).open("sisbridge_bench_settle_user", dir.resolve("unused"));
            try (asUser) {
                ByteArrayOutputStream said = new ByteArrayOutputStream();
                PhaseSettling settling = new PhaseSettling(asUser, null, new PrintStream(said, true, StandardCharsets.UTF_8));

                settling.beforePhase();
                settling.beforePhase();

                String text = said.toString(StandardCharsets.UTF_8);
                assertThat(text).startsWith("  note: " + (kind == DatabaseKind.MARIADB ? "mariadb" : "postgresql")
                        + " could not be settled before a phase (").contains("its figures may carry an earlier phase's writes");
                assertThat(text.lines().count()).isEqualTo(1);
            }
            if (kind == DatabaseKind.MARIADB) {
                assertThat(scalar(admin, "SELECT @@GLOBAL.innodb_max_dirty_pages_pct")).isEqualTo(keptPercent);
            }
        } finally {
            onServer(admin, kind == DatabaseKind.MARIADB ? "DROP USER IF EXISTS " + user + "@'%'" : "DROP ROLE IF EXISTS " + user);
        }
    }

    /**
     * A server that stops answering (a frozen host: connections accepted, nothing passed on) used to hold
     * the benchmark at the checkpoint for ever, before the pipeline's own stall check could say anything.
     * The settling statement is bounded: one note, and the phase starts.
     */
    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aFrozenServerIsToldAndThePhaseStartsInsteadOfWaitingForEver(DatabaseKind kind) throws Exception {
        TestDatabases.create(kind, "bench-settle-frozen"); // skips where the server is not reachable
        boolean postgres = kind == DatabaseKind.POSTGRESQL;
        try (FreezableTcpProxy proxy = FreezableTcpProxy.to("127.0.0.1", postgres ? 5432 : 3306)) {
            BenchmarkDatabase.Server server = BenchmarkDatabase.Server.of(postgres ? "postgresql" : "mariadb",
                    (postgres ? "jdbc:postgresql" : "jdbc:mariadb") + "://127.0.0.1:" + proxy.port() + "/test", null);
            try (BenchmarkDatabase database = server.open("sisbridge_bench_settle_frozen", dir.resolve("unused"))) {
                ByteArrayOutputStream said = new ByteArrayOutputStream();
                PhaseSettling settling = new PhaseSettling(database.settleStatementSeconds(2), null,
                        new PrintStream(said, true, StandardCharsets.UTF_8));
                proxy.freeze();
                try {
                    assertTimeoutPreemptively(Duration.ofSeconds(60), settling::beforePhase);
                } finally {
                    proxy.thaw(); // the database is dropped through it
                }

                assertThat(said.toString(StandardCharsets.UTF_8)).startsWith("  note: " + (postgres ? "postgresql" : "mariadb")
                        + " could not be settled before a phase (").contains("its figures may carry an earlier phase's writes");
            }
        }
    }

    private static BenchmarkDatabase.Server server(DatabaseKind kind, String user) {
        return BenchmarkDatabase.Server.of(kind == DatabaseKind.POSTGRESQL ? "postgresql" : "mariadb", null, user);
    }

    private static String status(BenchmarkDatabase.Server server, String variable) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
            rs.next();
            return rs.getString(2);
        }
    }

    private static String scalar(BenchmarkDatabase.Server server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void onServer(BenchmarkDatabase.Server server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
