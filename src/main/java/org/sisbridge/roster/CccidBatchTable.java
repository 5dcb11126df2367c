package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches sent ({@code cccid_batch}). A batch is OPEN from the moment its students are
 * marked SENT (before any HTTP call), SUBMITTED once upstream gave it a job, then COMPLETE or
 * FAILED. Its batch_id is the Idempotency-Key, so a batch left open by a crash is sent again
 * with the same key and upstream answers with the same job.
 */
public class CccidBatchTable {

    private final String table;

    public CccidBatchTable(String table) {
        this.table = table;
    }

    public void create(Connection c, String batchId, String misCode, int students, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (batch_id, mis_code, status, student_count, attempts, created_at, updated_at) VALUES (?, ?, 'OPEN', ?, 0, ?, ?)")) {
            ps.setString(1, batchId);
            ps.setString(2, misCode);
            ps.setInt(3, students);
            ps.setTimestamp(4, now);
            ps.setTimestamp(5, now);
            ps.executeUpdate();
        }
    }

    /** OPEN and SUBMITTED batches of a college, oldest first. */
    public List<OpenBatch> open(Connection c, String misCode) throws SQLException {
        List<OpenBatch> batches = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT batch_id, job_id, student_count FROM " + table
                + " WHERE mis_code = ? AND status IN ('OPEN', 'SUBMITTED') ORDER BY created_at, batch_id")) {
            ps.setString(1, misCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batches.add(new OpenBatch(rs.getString(1), misCode, rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return batches;
    }

    /** Counts one more POST of the batch (the operator sees batches upstream keeps refusing). */
    public void countAttempt(Connection c, String batchId, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET updated_at = ?, attempts = attempts + 1 WHERE batch_id = ?")) {
            ps.setTimestamp(1, now);
            ps.setString(2, batchId);
            ps.executeUpdate();
        }
    }

    public void recordJob(Connection c, String batchId, String jobId, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET status = 'SUBMITTED', job_id = ?, updated_at = ? WHERE batch_id = ? AND status = 'OPEN'")) {
            ps.setString(1, jobId);
            ps.setTimestamp(2, now);
            ps.setString(3, batchId);
            ps.executeUpdate();
        }
    }

    /** @return false when the batch was already settled (its results must not be applied twice) */
    public boolean close(Connection c, String batchId, String status, String error, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = ?, last_error = ?, updated_at = ?"
                + " WHERE batch_id = ? AND status IN ('OPEN', 'SUBMITTED')")) {
            ps.setString(1, status);
            ps.setString(2, error == null ? null : CccidRequestTable.truncate(error, 1000));
            ps.setTimestamp(3, now);
            ps.setString(4, batchId);
            return ps.executeUpdate() == 1;
        }
    }
}
