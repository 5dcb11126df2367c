package org.sisbridge.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * Reconciliation runs written straight into sisbridge_reconcile_run and cccid_reconcile, as the runner
 * leaves them, for the status tests: what they show does not depend on how a run got there.
 */
public final class ReconcileRows {

    private final TestDatabase database;

    public ReconcileRows(TestDatabase database) {
        this.database = database;
    }

    /** A finished run: each student is {local id, SIS CCCID, upstream CCCID, outcome} (nulls allowed). */
    public ReconcileRows complete(String runId, String misCode, LocalDateTime finishedAt, String[]... students) throws Exception {
        return run(runId, misCode, "COMPLETE", finishedAt, students);
    }

    /** A run begun and not finished (in progress, or stopped by a failure): its students so far. */
    public ReconcileRows running(String runId, String misCode, LocalDateTime startedAt, String[]... students) throws Exception {
        return run(runId, misCode, "RUNNING", startedAt, students);
    }

    private ReconcileRows run(String runId, String misCode, String status, LocalDateTime at, String[]... students)
            throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sisbridge_reconcile_run (run_id, mis_code, status, students,"
                    + " started_at, finished_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, misCode);
                ps.setString(3, status);
                ps.setLong(4, "COMPLETE".equals(status) ? students.length : 0);
                ps.setTimestamp(5, Timestamp.valueOf(at.minusMinutes(5)));
                ps.setTimestamp(6, "COMPLETE".equals(status) ? Timestamp.valueOf(at) : null);
                ps.setTimestamp(7, Timestamp.valueOf(at));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cccid_reconcile (run_id, mis_code, local_id, sis_ccc_id,"
                    + " upstream_ccc_id, outcome, matched_on, reason, batch_id, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (String[] s : students) {
                    ps.setString(1, runId);
                    ps.setString(2, misCode);
                    ps.setString(3, s[0]);
                    ps.setString(4, s[1]);
                    ps.setString(5, s[2]);
                    ps.setString(6, s[3]);
                    ps.setString(7, s[2] == null ? null : "name,birth_date");
                    ps.setString(8, "AGREE".equals(s[3]) ? null : "test reason for " + s[3]);
                    ps.setString(9, "rc-test-batch");
                    ps.setTimestamp(10, Timestamp.valueOf(at));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return this;
    }

    /** One student of {@link #complete} or {@link #running}. */
    public static String[] student(String localId, String sisCccId, String upstreamCccId, String outcome) {
        return new String[] {localId, sisCccId, upstreamCccId, outcome};
    }
}
