package org.sisbridge.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The database a benchmark stages into, created fresh for the run and dropped after it: an H2 file
 * under data/benchmark, or a database of its own on a PostgreSQL or MariaDB server, so the run never
 * touches the server's other data. A server database is named for the benchmark and this process
 * (sisbridge_bench_events_p4242): two benchmarks run at once on one server used to drop each other's
 * database under the same name, and the one that lost its database then waited for ever.
 */
public final class BenchmarkDatabase implements AutoCloseable {

    /** Where the server's password comes from: the environment, never the command line. */
    public static final String PASSWORD_ENV = "SISBRIDGE_DB_PASSWORD";
    /** How long MariaDB may take to write out its dirty pages before a phase starts anyway. */
    private static final long FLUSH_WAIT_NANOS = 120_000_000_000L;
    /**
     * How long one settling statement may take (a CHECKPOINT, a status read) before the phase starts
     * anyway, with a note: a frozen server used to hold the benchmark at the checkpoint for ever, before
     * the pipeline's own stall check could say anything.
     */
    static final int SETTLE_STATEMENT_SECONDS = 300;

    private final String kind;
    private final String serverUrl;
    private final String user;
    private final String name;
    private int settleStatementSeconds = SETTLE_STATEMENT_SECONDS;

    private BenchmarkDatabase(String kind, String serverUrl, String user, String name) {
        this.kind = kind;
        this.serverUrl = serverUrl;
        this.user = user;
        this.name = name;
    }

    /** Which database to benchmark on: h2 (no server), or a PostgreSQL or MariaDB server and its admin user. */
    public record Server(String kind, String url, String user) {

        /** The local servers of a development machine unless told otherwise. */
        public static Server of(String kind, String url, String user) {
            return switch (kind) {
                case "h2" -> new Server(kind, null, null);
                case "postgresql" -> new Server(kind, url != null ? url : "jdbc:postgresql://127.0.0.1:5432/test",
                        user != null ? user : "postgres");
                case "mariadb" -> new Server(kind, url != null ? url : "jdbc:mariadb://127.0.0.1:3306/test",
                        user != null ? user : "root");
                default -> throw new IllegalArgumentException("unknown database '" + kind + "'; available: h2, postgresql, mariadb");
            };
        }

        /**
         * A fresh database: {@code name} and this process's id on the server (first, the leftovers of
         * benchmarks interrupted on this machine, whose process is gone, are dropped), or the H2 file
         * {@code h2File} (deleted first).
         */
        public BenchmarkDatabase open(String name, Path h2File) throws Exception {
            if (kind.equals("h2")) {
                Files.createDirectories(h2File.getParent());
                Files.deleteIfExists(Path.of(h2File + ".mv.db"));
                return new BenchmarkDatabase(kind, "jdbc:h2:file:" + h2File + ";DB_CLOSE_ON_EXIT=FALSE", "sa", null);
            }
            BenchmarkDatabase database = new BenchmarkDatabase(kind, url, user, name + "_p" + ProcessHandle.current().pid());
            for (String leftover : database.leftovers()) {
                database.onServer(database.dropSql(leftover));
            }
            database.onServer(database.isPostgres() ? "CREATE DATABASE " + database.name
                    : "CREATE DATABASE " + database.name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            return database;
        }
    }

    public boolean isPostgres() {
        return kind.equals("postgresql");
    }

    public String user() {
        return user;
    }

    /** For the figures' heading: the H2 file, or the server database and where it lives. */
    public String describe() {
        return name == null ? "H2 file database " + jdbcUrl() : kind + " database " + name + " at " + serverUrl;
    }

    /** The database product and version as its driver reports them, for the figures (PostgreSQL 15.20). */
    public static String product(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String version = c.getMetaData().getDatabaseProductVersion();
            // H2 adds its build date, MariaDB its distribution: the first word is the version
            return c.getMetaData().getDatabaseProductName() + " " + version.split("[ -]")[0];
        }
    }

    /** The JDBC URL of the fresh database: the server URL with its database part (if any) replaced. */
    public String jdbcUrl() {
        if (name == null) {
            return serverUrl;
        }
        int query = serverUrl.indexOf('?') < 0 ? serverUrl.length() : serverUrl.indexOf('?');
        int slash = serverUrl.indexOf('/', serverUrl.indexOf("//") + 2);
        int end = slash < 0 || slash > query ? query : slash;
        return serverUrl.substring(0, end) + "/" + name + serverUrl.substring(query);
    }

    /** The agent's secrets: its client secret, and the database password if the environment has one. */
    public static Map<String, String> secrets(String clientSecret) {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("SISBRIDGE_CLIENT_SECRET", clientSecret);
        if (System.getenv(PASSWORD_ENV) != null) {
            secrets.put(PASSWORD_ENV, System.getenv(PASSWORD_ENV));
        }
        return secrets;
    }

    /**
     * DDL for an empty copy of {@code original} with the same columns, key and indexes. PostgreSQL and
     * MariaDB copy them with LIKE; H2 has no LIKE, so its copy spells out what the original's metadata says.
     */
    public List<String> copyTableSql(Connection c, String copy, String original) throws SQLException {
        if (isPostgres()) {
            return List.of("CREATE TABLE " + copy + " (LIKE " + original + " INCLUDING ALL)");
        }
        if (kind.equals("mariadb")) {
            return List.of("CREATE TABLE " + copy + " LIKE " + original);
        }
        return H2TableCopy.sql(c, copy, original);
    }

    /** A connection to the fresh database as the agent makes it (user, and password from the environment if any). */
    public Connection connect() throws SQLException {
        String password = System.getenv(PASSWORD_ENV);
        return DriverManager.getConnection(jdbcUrl(), user, password == null ? "" : password);
    }

    /** The server database's name (sisbridge_bench_events_p4242), or null for H2. */
    public String name() {
        return name;
    }

    /**
     * Lets the database write out what the phases before left in memory, so that no timed phase pays for
     * an earlier one's writes: a pass's second phase used to meet the first one's dirty pages (on MariaDB
     * 200,000 rows outgrow a 128 MB buffer pool and fill most of a 96 MB redo log, and the pipeline's last
     * quarter ran at a third of its first's when it followed the warm-up pass). PostgreSQL and H2 take a
     * {@code CHECKPOINT}; MariaDB has no such statement, so InnoDB is told to keep no dirty page
     * ({@code innodb_max_dirty_pages_pct = 0}) until at most 1 % of its pool is dirty, then given its
     * setting back. Then the JVM's heap is collected, as JMH does between iterations, so that no phase
     * inherits the last one's garbage.
     *
     * @param staging the agent's connections (H2 is in this process: only they reach it)
     * @return why the database could not be settled (a user without the privilege), or null once it is
     */
    public String settle(DataSource staging) throws SQLException, InterruptedException {
        String missed = null;
        try {
            if (kind.equals("h2")) {
                try (Connection c = staging.getConnection(); Statement s = c.createStatement()) {
                    s.setQueryTimeout(settleStatementSeconds);
                    s.execute("CHECKPOINT");
                }
            } else if (isPostgres()) {
                try (Connection c = onServer(settleStatementSeconds); Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                }
            } else {
                missed = flushInnoDb();
            }
        } catch (SQLException e) {
            missed = kind + " could not be settled before a phase (" + e.getMessage() + "); its figures may carry"
                    + " an earlier phase's writes";
        }
        System.gc();
        return missed;
    }

    /** For tests: a settling statement's bound, shorter than {@link #SETTLE_STATEMENT_SECONDS}. */
    BenchmarkDatabase settleStatementSeconds(int seconds) {
        this.settleStatementSeconds = seconds;
        return this;
    }

    /** @return null once at most 1 % of the pool is dirty, else what was left when the wait's bound passed */
    private String flushInnoDb() throws SQLException, InterruptedException {
        try (Connection c = onServer(settleStatementSeconds); Statement s = c.createStatement()) {
            String kept;
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.innodb_max_dirty_pages_pct")) {
                rs.next();
                kept = rs.getString(1);
            }
            s.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
            try {
                // not to zero: the server's own background work (purge, statistics) keeps a few dozen pages
                // dirty at any time; 1 % of the pool is what a phase can no longer feel
                long total = status(s, "Innodb_buffer_pool_pages_total");
                long deadline = System.nanoTime() + FLUSH_WAIT_NANOS;
                long dirty;
                while ((dirty = status(s, "Innodb_buffer_pool_pages_dirty")) > total / 100) {
                    if (System.nanoTime() > deadline) {
                        return "mariadb still had " + dirty + " of its " + total + " buffer pool pages dirty after "
                                + FLUSH_WAIT_NANOS / 1_000_000_000L + " s; the phase starts anyway, and its figures may"
                                + " carry an earlier phase's writes";
                    }
                    Thread.sleep(50);
                }
                return null;
            } finally {
                // a number read from the server, given back as it was
                s.execute("SET GLOBAL innodb_max_dirty_pages_pct = " + Double.parseDouble(kept));
            }
        }
    }

    /** @param variable a constant name of a server status variable */
    private static long status(Statement s, String variable) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }

    /** Drops the server database (H2's file is simply replaced by the next run). */
    @Override
    public void close() throws SQLException {
        if (name != null) {
            onServer(dropSql(name));
        }
    }

    /** Benchmark databases on the server whose process, on this machine, is gone (an interrupted run's). */
    List<String> leftovers() throws SQLException {
        List<String> leftovers = new ArrayList<>();
        try (Connection c = onServer();
             Statement s = c.createStatement();
             ResultSet names = s.executeQuery(isPostgres() ? "SELECT datname FROM pg_database" : "SHOW DATABASES")) {
            while (names.next()) {
                Matcher m = OWN_NAME.matcher(names.getString(1));
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                    leftovers.add(names.getString(1));
                }
            }
        }
        return leftovers;
    }

    private static final Pattern OWN_NAME = Pattern.compile("sisbridge_bench_[a-z0-9_]*_p([0-9]{1,18})");

    private String dropSql(String database) {
        // FORCE: the agent's pool may not have let go of every connection yet
        return isPostgres() ? "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + database;
    }

    private void onServer(String sql) throws SQLException {
        try (Connection c = onServer(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A connection to the server's own database (the URL as given), as the admin user. */
    private Connection onServer() throws SQLException {
        return onServer(0);
    }

    /**
     * The same, bounded: a statement the server does not answer within {@code seconds} fails (0: no
     * bound), as does a connection it does not let in within that time or 30 s, whichever is shorter.
     */
    private Connection onServer(int seconds) throws SQLException {
        String password = System.getenv(PASSWORD_ENV);
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        if (seconds > 0) {
            int login = Math.min(30, seconds);
            if (isPostgres()) { // in seconds; loginTimeout covers the start-up exchange as well as the socket's connect
                properties.setProperty("connectTimeout", String.valueOf(login));
                properties.setProperty("loginTimeout", String.valueOf(login));
                properties.setProperty("socketTimeout", String.valueOf(seconds));
            } else { // in milliseconds; connectTimeout covers the handshake too
                properties.setProperty("connectTimeout", String.valueOf(login * 1000L));
                properties.setProperty("socketTimeout", String.valueOf(seconds * 1000L));
            }
        }
        return DriverManager.getConnection(serverUrl, properties);
    }
}
