package org.sisbridge.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.sisbridge.staging.StagingDatabase;

/**
 * Fresh staging databases for end-to-end tests. PostgreSQL and MariaDB are the real servers of this
 * machine (127.0.0.1, see DEVELOPERS.md); each test gets a new database on them. Where a server is
 * not reachable, its suites are skipped, said once on the console and reported as skipped by JUnit.
 * Override the admin URLs with SISBRIDGE_TEST_POSTGRES_URL / SISBRIDGE_TEST_MARIADB_URL.
 */
public final class TestDatabases {

    private static final String PREFIX = "sisbridge_t_";
    private static final String POSTGRES_ADMIN = env("SISBRIDGE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String POSTGRES_USER = env("SISBRIDGE_TEST_POSTGRES_USER", "postgres");
    private static final String MARIADB_ADMIN = env("SISBRIDGE_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    private static final String MARIADB_USER = env("SISBRIDGE_TEST_MARIADB_USER", "root");
    private static final Map<DatabaseKind, String> UNAVAILABLE = new EnumMap<>(DatabaseKind.class);
    private static final Map<DatabaseKind, Boolean> PROBED = new EnumMap<>(DatabaseKind.class);
    private static final Pattern STAMPED = Pattern.compile(PREFIX + "m(\\d+)_");
    private static final long LEFTOVER_AGE_MINUTES = 120;

    private TestDatabases() {
    }

    /** For {@code @MethodSource}: H2 and the real servers; unavailable ones are skipped inside {@link #create}. */
    public static Stream<DatabaseKind> all() {
        return Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB);
    }

    /** {@link #all()} plus SQL Server's and Oracle's migrations and dialect on H2 in their compatibility modes. */
    public static Stream<DatabaseKind> withCompatibilityModes() {
        return Stream.of(DatabaseKind.values());
    }

    public static TestDatabase create(DatabaseKind kind, String label) {
        switch (kind) {
            case H2:
                return TestDatabase.h2File(label);
            case SQLSERVER_ON_H2:
                return TestDatabase.h2Compatible(label, StagingDatabase.SQLSERVER, "MSSQLServer");
            case ORACLE_ON_H2:
                return TestDatabase.h2Compatible(label, StagingDatabase.ORACLE, "Oracle");
            default:
                break;
        }
        String why = probe(kind);
        Assumptions.assumeTrue(why == null, () -> kind + " suite skipped: " + why);
        String name = PREFIX + "m" + epochMinutes() + "_" + shortLabel(label) + "_" + UUID.randomUUID().toString().substring(0, 8);
        if (kind == DatabaseKind.POSTGRESQL) {
            execute(POSTGRES_ADMIN, POSTGRES_USER, "CREATE DATABASE " + name);
            return new TestDatabase("PostgreSQL", POSTGRES_ADMIN.substring(0, POSTGRES_ADMIN.lastIndexOf('/') + 1) + name,
                    POSTGRES_USER, "");
        }
        execute(MARIADB_ADMIN, MARIADB_USER, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new TestDatabase("MariaDB", MARIADB_ADMIN.substring(0, MARIADB_ADMIN.lastIndexOf('/') + 1) + name,
                MARIADB_USER, "");
    }

    /** @return null when the server answers, else why not (printed once per run) */
    private static synchronized String probe(DatabaseKind kind) {
        if (!PROBED.containsKey(kind)) {
            PROBED.put(kind, true);
            try {
                DriverManager.setLoginTimeout(3);
                dropLeftovers(kind);
            } catch (SQLException e) {
                UNAVAILABLE.put(kind, "not reachable at " + (kind == DatabaseKind.POSTGRESQL ? POSTGRES_ADMIN : MARIADB_ADMIN)
                        + " (" + e.getMessage() + ")");
                System.out.println("[sisbridge tests] " + kind + " database suites SKIPPED: " + UNAVAILABLE.get(kind));
            }
        }
        return UNAVAILABLE.get(kind);
    }

    private static long epochMinutes() {
        return System.currentTimeMillis() / 60_000;
    }

    private static String shortLabel(String label) {
        String safe = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        return safe.length() > 24 ? safe.substring(0, 24) : safe;
    }

    /**
     * True for a database an earlier run left behind: its name carries its creation minute, and only
     * those older than {@link #LEFTOVER_AGE_MINUTES} go, so that test runs in parallel (two clones, a
     * developer beside CI) never drop each other's databases.
     */
    static boolean isLeftover(String name, long nowMinutes) {
        Matcher m = STAMPED.matcher(name);
        return !m.lookingAt() || nowMinutes - Long.parseLong(m.group(1)) > LEFTOVER_AGE_MINUTES;
    }

    /** Databases of earlier runs on this machine, so they do not pile up. */
    private static void dropLeftovers(DatabaseKind kind) throws SQLException {
        boolean pg = kind == DatabaseKind.POSTGRESQL;
        String url = pg ? POSTGRES_ADMIN : MARIADB_ADMIN;
        String user = pg ? POSTGRES_USER : MARIADB_USER;
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(pg
                     ? "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'"
                     : "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                if (isLeftover(rs.getString(1), epochMinutes())) {
                    names.add(rs.getString(1));
                }
            }
        }
        for (String name : names) {
            try {
                execute(url, user, pg ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name);
            } catch (IllegalStateException busy) {
                // another run may still use it; it goes next time
            }
        }
    }

    private static void execute(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
