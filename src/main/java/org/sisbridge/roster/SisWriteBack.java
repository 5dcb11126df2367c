package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.sisbridge.logging.LogMasking;
import org.sisbridge.staging.sis.NamedSql;

/**
 * The college's write-back (sisbridge.roster.write-back.*): a statement or stored-procedure call
 * that puts a CCCID into the SIS record, run inside the caller's transaction so it commits with
 * the result it writes back. Each run sits under a savepoint: a statement the SIS refuses (a
 * constraint, a missing procedure, a timeout) is undone alone and its message returned, so the
 * result is still recorded (PENDING, retried on the next run) and the CCCID is never lost. A lost
 * connection is thrown instead: then nothing of the transaction commits and the batch settles again.
 */
public final class SisWriteBack {

    /** The named parameters a write-back may use. */
    public static final Set<String> PARAMETERS = Set.of("mis_code", "local_id", "ccc_id", "outcome", "matched_on",
            "request_id", "batch_id");
    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    /** The longest database message kept on a result (the column's size). */
    static final int MAX_ERROR_CHARS = 1000;

    private static final SisWriteBack OFF = new SisWriteBack(null, 1, 0);

    private final NamedSql sql;
    private final int maxAttempts;
    private final int queryTimeoutSeconds;

    /**
     * @param maxAttempts         attempts (the first at settle time included) before a result is left FAILED
     * @param queryTimeoutSeconds the statement's timeout (0: none); a timeout counts as a failed attempt
     */
    public SisWriteBack(NamedSql sql, int maxAttempts, int queryTimeoutSeconds) {
        if (maxAttempts < 1 || queryTimeoutSeconds < 0) {
            throw new IllegalArgumentException("sisbridge.roster.write-back.max-attempts must be at least 1 and"
                    + " query-timeout-seconds at least 0");
        }
        this.sql = sql;
        this.maxAttempts = maxAttempts;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /** No write-back: the college's own jobs read the results table. */
    public static SisWriteBack off() {
        return OFF;
    }

    public boolean enabled() {
        return sql != null;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether a result with this outcome is written back: a CCCID came back (CREATED or EXISTING). */
    public boolean wanted(String outcome) {
        return enabled() && ("CREATED".equals(outcome) || "EXISTING".equals(outcome));
    }

    /** The state after an attempt: DONE, PENDING (tried again on the next run) or FAILED (attempts spent). */
    public String stateAfter(int attempts, String error) {
        return error == null ? DONE : attempts >= maxAttempts ? FAILED : PENDING;
    }

    /**
     * Runs the write-back for one result in the caller's transaction.
     *
     * @return null when it ran, else the database's message (masked, capped): the statement was undone
     * @throws SQLException when the connection itself failed (nothing of the transaction may commit)
     */
    public String write(Connection c, long requestId, String misCode, String batchId, String localId, String outcome,
                        String cccid, String matchedOn) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        values.put("request_id", requestId);
        values.put("mis_code", misCode);
        values.put("batch_id", batchId);
        values.put("local_id", localId);
        values.put("outcome", outcome);
        values.put("ccc_id", cccid);
        values.put("matched_on", matchedOn);
        Savepoint before = c.setSavepoint();
        try (PreparedStatement statement = sql.prepare(c, values)) {
            statement.setQueryTimeout(queryTimeoutSeconds);
            statement.execute();
        } catch (SQLException refused) {
            if (connectionLost(refused)) {
                throw refused;
            }
            try {
                c.rollback(before);
            } catch (SQLException rollbackFailed) {
                // the savepoint cannot be reached: the connection is gone, and so is the whole transaction
                refused.addSuppressed(rollbackFailed);
                throw refused;
            }
            return message(refused);
        }
        c.releaseSavepoint(before);
        return null;
    }

    /** SQLState class 08 (connection exception) or the driver's own word that the connection is gone. */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLRecoverableException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database's message as staff may see it: its first line only ({@link LogMasking#firstLine}: joined
     * into one line, PostgreSQL's next ones put the SIS row's names in the log and on the status page),
     * student data masked, capped to the column.
     */
    static String message(SQLException e) {
        String masked = (e.getSQLState() == null ? "" : "SQLState " + e.getSQLState() + ": ") + LogMasking.firstLine(e.getMessage());
        return masked.length() <= MAX_ERROR_CHARS ? masked : masked.substring(0, MAX_ERROR_CHARS);
    }

    @Override
    public String toString() {
        return enabled() ? sql.toString() : "write-back off";
    }
}
