package org.sisbridge.staging;

import java.sql.SQLException;
import java.util.Locale;

/** Connection and schema settings of the staging database (keys {@code sisbridge.staging.*}). */
public record StagingSettings(String jdbcUrl, String databaseSetting, String username, String password, int poolSize,
                              long connectionTimeoutMs, boolean manageSchema, int batchSize,
                              String rejectTable, String checkpointTable, String flowRunTable, long readTimeoutMs) {

    /** The shipped default of sisbridge.staging.read-timeout-ms. */
    public static final long DEFAULT_READ_TIMEOUT_MS = 120_000;

    /** With the shipped read timeout. */
    public StagingSettings(String jdbcUrl, String databaseSetting, String username, String password, int poolSize,
                           long connectionTimeoutMs, boolean manageSchema, int batchSize,
                           String rejectTable, String checkpointTable, String flowRunTable) {
        this(jdbcUrl, databaseSetting, username, password, poolSize, connectionTimeoutMs, manageSchema, batchSize,
                rejectTable, checkpointTable, flowRunTable, DEFAULT_READ_TIMEOUT_MS);
    }

    /** H2's error code for "database not found" when asked not to create one (IFEXISTS=TRUE). */
    private static final int H2_DATABASE_NOT_FOUND = 90146;

    public StagingSettings {
        rejectTable = SqlIdentifier.require("sisbridge.staging.reject-table", rejectTable);
        checkpointTable = SqlIdentifier.require("sisbridge.staging.checkpoint-table", checkpointTable);
        flowRunTable = SqlIdentifier.require("sisbridge.staging.flow-run-table", flowRunTable);
        StagingDatabase.fromSetting(databaseSetting, jdbcUrl); // fails early on an unknown database
        if (batchSize < 1) {
            throw new IllegalArgumentException("sisbridge.staging.batch-size must be at least 1, was " + batchSize);
        }
    }

    /** The same database with a pool of its own size (a command needs two connections, not the agent's pool). */
    public StagingSettings withPoolSize(int size) {
        return new StagingSettings(jdbcUrl, databaseSetting, username, password, size, connectionTimeoutMs, manageSchema,
                batchSize, rejectTable, checkpointTable, flowRunTable, readTimeoutMs);
    }

    /**
     * For commands that only read: an embedded H2 file database is opened only if it exists, so a
     * mistyped path or a not-yet-started agent does not leave an empty database file behind.
     */
    public StagingSettings onlyIfItExists() {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:h2:mem:") || jdbcUrl.toUpperCase(Locale.ROOT).contains("IFEXISTS=")) {
            return this;
        }
        return new StagingSettings(jdbcUrl + ";IFEXISTS=TRUE", databaseSetting, username, password, poolSize,
                connectionTimeoutMs, manageSchema, batchSize, rejectTable, checkpointTable, flowRunTable, readTimeoutMs);
    }

    /** Whether a connection failed because {@link #onlyIfItExists} found no H2 file (H2's error 90146). */
    public static boolean isMissingDatabase(Throwable e) {
        return e instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_NOT_FOUND;
    }

    /** The URL as every message shows it: a password written inside it masked ({@link JdbcUrlMasking}). */
    public String shownUrl() {
        return JdbcUrlMasking.mask(jdbcUrl);
    }

    /** Never the password, nor one written inside the URL (a record's own toString would print both). */
    @Override
    public String toString() {
        return "StagingSettings[" + shownUrl() + " as user '" + username + "', pool " + poolSize + "]";
    }

    public StagingDatabase database() {
        return StagingDatabase.fromSetting(databaseSetting, jdbcUrl);
    }
}
