package org.sisbridge.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The database a benchmark stages into, created fresh for the run and dropped after it: an H2 file
 * under data/benchmark, or a database of its own (e.g. sisbridge_bench_events) on a PostgreSQL or
 * MariaDB server, so the run never touches the server's other data.
 */
public final class BenchmarkDatabase implements AutoCloseable {

    /** Where the server's password comes from: the environment, never the command line. */
    public static final String PASSWORD_ENV = "SISBRIDGE_DB_PASSWORD";

    private final String kind;
    private final String serverUrl;
    private final String user;
    private final String name;

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
         * A fresh database: {@code name} on the server (a leftover of an interrupted run under that
         * name, the benchmark's own, is dropped first), or the H2 file {@code h2File} (deleted first).
         */
        public BenchmarkDatabase open(String name, Path h2File) throws Exception {
            if (kind.equals("h2")) {
                Files.createDirectories(h2File.getParent());
                Files.deleteIfExists(Path.of(h2File + ".mv.db"));
                return new BenchmarkDatabase(kind, "jdbc:h2:file:" + h2File + ";DB_CLOSE_ON_EXIT=FALSE", "sa", null);
            }
            BenchmarkDatabase database = new BenchmarkDatabase(kind, url, user, name);
            database.onServer(database.dropSql());
            database.onServer(database.isPostgres() ? "CREATE DATABASE " + name
                    : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
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
    public static String product(javax.sql.DataSource dataSource) throws SQLException {
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
     * MariaDB copy them with LIKE; H2 has no LIKE, so its copy spells out the key and indexes given.
     */
    public List<String> copyTableSql(String copy, String original, String h2Key, String... h2Indexes) {
        if (isPostgres()) {
            return List.of("CREATE TABLE " + copy + " (LIKE " + original + " INCLUDING ALL)");
        }
        if (kind.equals("mariadb")) {
            return List.of("CREATE TABLE " + copy + " LIKE " + original);
        }
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE TABLE " + copy + " AS SELECT * FROM " + original + " WITH NO DATA");
        for (String column : h2Key.split(",")) {
            ddl.add("ALTER TABLE " + copy + " ALTER COLUMN " + column.trim() + " SET NOT NULL");
        }
        ddl.add("ALTER TABLE " + copy + " ADD PRIMARY KEY (" + h2Key + ")");
        for (int i = 0; i < h2Indexes.length; i++) {
            ddl.add("CREATE INDEX ix_" + copy + "_" + i + " ON " + copy + " (" + h2Indexes[i] + ")");
        }
        return ddl;
    }

    /** Drops the server database (H2's file is simply replaced by the next run). */
    @Override
    public void close() throws SQLException {
        if (name != null) {
            onServer(dropSql());
        }
    }

    private String dropSql() {
        // FORCE: the agent's pool may not have let go of every connection yet
        return isPostgres() ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name;
    }

    private void onServer(String sql) throws SQLException {
        String password = System.getenv(PASSWORD_ENV);
        try (Connection c = DriverManager.getConnection(serverUrl, user, password == null ? "" : password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
