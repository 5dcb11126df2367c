package org.sisbridge.staging;

import java.sql.SQLException;

/**
 * Tells where a failure happened: in the staging database or elsewhere (the upstream API, a file).
 * Decided by the failure itself, not by the type of its deepest cause: a JDBC driver that times out
 * reading its socket throws an SQLException whose cause is a SocketTimeoutException, an IOException
 * like an upstream read timeout, and only the SQLException says it was the database. Anything with
 * an SQLException (or a {@link StagingDatabaseUnreachableException}) in its chain came from JDBC,
 * since the upstream API is plain HTTP.
 */
public final class StagingFailure {

    private StagingFailure() {
    }

    public static boolean isStagingFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof StagingDatabaseUnreachableException) {
                return true;
            }
        }
        return false;
    }

    /** The first SQLException of the chain, the one that says what the database (or its driver) did. */
    public static SQLException sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** The JDBC URL for a log line: any password parameter in it masked. */
    public static String describeDatabase(StagingSettings settings) {
        return JdbcUrlMasking.mask(settings.jdbcUrl());
    }
}
