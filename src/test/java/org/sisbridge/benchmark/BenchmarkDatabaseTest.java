package org.sisbridge.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Two benchmarks on one server used to share the database name sisbridge_bench_events, so each
 * dropped the other's, and the one that lost its database waited for ever. Each now has a database
 * named for its process, and drops only the leftovers of benchmarks whose process is gone.
 */
class BenchmarkDatabaseTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aBenchmarkDatabaseIsItsProcesssAndOnlyDeadRunsLeftoversAreDropped(DatabaseKind kind) throws Exception {
        TestDatabases.create(kind, "bench-names"); // skips where the server is not reachable
        BenchmarkDatabase.Server server = BenchmarkDatabase.Server.of(kind == DatabaseKind.POSTGRESQL ? "postgresql" : "mariadb",
                null, null);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Process running = new ProcessBuilder("sleep", "120").start();
        String interrupted = "sisbridge_bench_names_left_p" + gone.pid();
        String concurrent = "sisbridge_bench_names_p" + running.pid();
        try {
            onServer(server, "CREATE DATABASE " + interrupted);
            onServer(server, "CREATE DATABASE " + concurrent);

            String ours;
            try (BenchmarkDatabase database = server.open("sisbridge_bench_names", dir.resolve("unused"))) {
                ours = database.name();
                assertThat(ours).isEqualTo("sisbridge_bench_names_p" + ProcessHandle.current().pid());
                assertThat(databases(server)).contains(ours, concurrent).doesNotContain(interrupted);
                try (Connection c = database.connect()) {
                    assertThat(c.isValid(2)).isTrue();
                }
            }
            assertThat(databases(server)).contains(concurrent).doesNotContain(ours);
        } finally {
            running.destroy();
            onServer(server, "DROP DATABASE IF EXISTS " + interrupted);
            onServer(server, "DROP DATABASE IF EXISTS " + concurrent);
        }
    }

    private static List<String> databases(BenchmarkDatabase.Server server) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(server.kind().equals("postgresql") ? "SELECT datname FROM pg_database" : "SHOW DATABASES")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void onServer(BenchmarkDatabase.Server server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
