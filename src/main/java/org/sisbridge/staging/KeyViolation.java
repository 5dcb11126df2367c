package org.sisbridge.staging;

import java.sql.SQLException;

/**
 * Tells a unique or primary key violation from other errors, on every supported database: all of
 * them report it in SQLSTATE class 23 (integrity constraint violation), on the exception itself or,
 * for a batch, on one of the exceptions chained to it.
 */
public final class KeyViolation {

    private KeyViolation() {
    }

    public static boolean isKeyViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if (state != null && state.startsWith("23")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
