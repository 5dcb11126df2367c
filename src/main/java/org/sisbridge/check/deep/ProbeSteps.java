package org.sisbridge.check.deep;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.sisbridge.check.CheckReport;
import org.sisbridge.logging.LogMasking;

/**
 * Runs one statement of a flow at a time and says how it went, one line each. Each statement runs under
 * its own savepoint: PostgreSQL aborts the whole transaction after one failure, and then every later
 * statement would fail with "current transaction is aborted" instead of its own message.
 */
final class ProbeSteps {

    /** One statement (or a small group that only makes sense together), on the probe's connection. */
    @FunctionalInterface
    interface Statement<T> {
        T run() throws SQLException;
    }

    private final CheckReport report;
    private final Connection connection;

    ProbeSteps(CheckReport report, Connection connection) {
        this.report = report;
        this.connection = connection;
    }

    /** @return what the statement returned, or null when it failed (reported) */
    <T> T run(String flow, String what, Statement<T> statement) {
        Savepoint savepoint = null;
        try {
            savepoint = connection.setSavepoint();
            T result = statement.run();
            report.ok(flow + ": " + what);
            return result;
        } catch (SQLException | RuntimeException e) {
            report.error(flow + ": " + what + ": " + oneLine(e));
            if (savepoint != null) {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException lost) {
                    report.error(flow + ": rollback to the savepoint after '" + what + "': " + oneLine(lost));
                }
            }
            return null;
        }
    }

    void skip(String flow, String what, String why) {
        report.skip(flow + ": " + what + ": " + why);
    }

    /** A statement that ran but did not do what the flow relies on (a duplicate not found, a row not moved). */
    static SQLException unexpected(String what) {
        return new SQLException(what);
    }

    /** The database's message, masked (it may quote a value) and on one line, as the statement's line ends with it. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return LogMasking.mask(message).replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
