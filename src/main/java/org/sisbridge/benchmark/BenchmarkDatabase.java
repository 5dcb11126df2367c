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

    /** A fresh H2 file database at {@code file} (its .mv.db deleted first). */
    public static BenchmarkDatabase h2(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(Path.of(file + ".mv.db"));
        return new BenchmarkDatabase("h2", "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", null);
    }

    /**
     * A fresh database {@code name} on the server that {@code serverUrl} reaches; a leftover of an
     * interrupted run under the same name is dropped first (the name is the benchmark's own).
     */
    public static BenchmarkDatabase onServer(String kind, String serverUrl, String user, String name) throws SQLException {
        if (!kind.equals("postgresql") && !kind.equals("mariadb")) {
            throw new IllegalArgumentException("unknown database '" + kind + "'; available: h2, postgresql, mariadb");
        }
        BenchmarkDatabase database = new BenchmarkDatabase(kind, serverUrl, user, name);
        database.onServer(database.dropSql());
        database.onServer(kind.equals("postgresql") ? "CREATE DATABASE " + name
                : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return database;
    }

    public String kind() {
        return kind;
    }

    public boolean isPostgres() {
        return kind.equals("postgresql");
    }

    public String user() {
        return user;
    }

    /** The JDBC URL of the fresh database: the server URL with its database part replaced. */
    public String jdbcUrl() {
        if (name == null) {
            return serverUrl;
        }
        int slash = serverUrl.indexOf('/', serverUrl.indexOf("//") + 2);
        int query = serverUrl.indexOf('?');
        return serverUrl.substring(0, slash + 1) + name + (query < 0 ? "" : serverUrl.substring(query));
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
