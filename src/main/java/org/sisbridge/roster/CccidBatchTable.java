package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The batches sent ({@code cccid_batch}, or wherever the college's mapping sends it). A batch is OPEN from the moment its students are
 * marked SENT (before any HTTP call), SUBMITTED once upstream gave it a job, then COMPLETE or
 * FAILED. Its batch_id is the Idempotency-Key, so a batch left open by a crash is sent again
 * with the same key and upstream answers with the same job. Every state change is an update that
 * names the state it expects to replace; a change that finds another state changes nothing.
 */
public class CccidBatchTable {

    private static final List<String> CREATE_FIELDS = List.of("batch_id", "mis_code", "status", "student_count", "attempts",
            "created_at", "updated_at");

    private final MappedTable t;

    /** The generic layout's batch table of that name. */
    public CccidBatchTable(String table) {
        this.t = MappedTable.generic("cccid_batch", table);
    }

    /** @param mapping where the college's mapping sends the canonical batch table */
    public CccidBatchTable(TableMapping mapping) {
        this.t = new MappedTable(mapping);
    }

    public void create(Connection c, String batchId, String misCode, int students, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(t.insertSql(CREATE_FIELDS))) {
            t.bindRow(ps, CREATE_FIELDS, List.of(batchId, misCode, "OPEN", students, 0, now, now));
            ps.executeUpdate();
        }
    }

    /** OPEN and SUBMITTED batches of a college, oldest first. */
    public List<OpenBatch> open(Connection c, String misCode) throws SQLException {
        List<OpenBatch> batches = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.col("batch_id") + ", " + t.col("job_id") + ", "
                + t.col("student_count") + " FROM " + t.table() + " WHERE " + t.col("mis_code") + " = ? AND "
                + t.col("status") + " IN (" + t.literal("status", "OPEN") + ", " + t.literal("status", "SUBMITTED") + ")"
                + " ORDER BY " + t.col("created_at") + ", " + t.col("batch_id"))) {
            t.set(ps, 1, "mis_code", misCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batches.add(new OpenBatch(rs.getString(1), misCode, rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return batches;
    }

    /**
     * Counts one more POST of the batch (the operator sees batches upstream keeps refusing), only
     * while it is still OPEN.
     *
     * @return false when the batch is no longer OPEN: another run submitted or settled it, so it must not be sent
     */
    public boolean countAttempt(Connection c, String batchId, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("updated_at") + " = ?, "
                + t.col("attempts") + " = " + t.col("attempts") + " + 1 WHERE " + t.col("batch_id") + " = ? AND "
                + t.col("status") + " = " + t.literal("status", "OPEN"))) {
            t.set(ps, 1, "updated_at", now);
            t.set(ps, 2, "batch_id", batchId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * An OPEN batch some of whose students the SIS took back (see {@link RosterBatches#requestBody}):
     * it is sent with the students left, and says so in its row, so the count matches what was sent.
     * An OPEN batch with none left is closed FAILED with that reason instead, and sent no more.
     *
     * @return false when the batch was no longer OPEN (another run moved it)
     */
    public boolean shrink(Connection c, String batchId, int students, String why, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("student_count") + " = ?, "
                + t.col("status") + " = " + (students == 0 ? t.literal("status", "FAILED") : t.col("status")) + ", "
                + t.col("last_error") + " = ?, " + t.col("updated_at") + " = ? WHERE " + t.col("batch_id") + " = ? AND "
                + t.col("status") + " = " + t.literal("status", "OPEN"))) {
            t.set(ps, 1, "student_count", students);
            t.set(ps, 2, "last_error", CccidRequestTable.truncate(why, 1000));
            t.set(ps, 3, "updated_at", now);
            t.set(ps, 4, "batch_id", batchId);
            return ps.executeUpdate() == 1;
        }
    }

    /** OPEN to SUBMITTED with its job. @return false when the batch was no longer OPEN (another run moved it) */
    public boolean recordJob(Connection c, String batchId, String jobId, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("status") + " = "
                + t.literal("status", "SUBMITTED") + ", " + t.col("job_id") + " = ?, " + t.col("updated_at") + " = ? WHERE "
                + t.col("batch_id") + " = ? AND " + t.col("status") + " = " + t.literal("status", "OPEN"))) {
            t.set(ps, 1, "job_id", jobId);
            t.set(ps, 2, "updated_at", now);
            t.set(ps, 3, "batch_id", batchId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * SUBMITTED with this job to a final state: the update names the state and job the results were
     * polled for, so a job's answer settles its batch once and never a batch that moved on. Without an
     * error the batch keeps the note it has (students the SIS took back before it was sent): a COMPLETE
     * batch once wiped it, and the status page lost the only trace of them.
     *
     * @return false when the batch was already settled (its results must not be applied twice)
     */
    public boolean close(Connection c, String batchId, String jobId, String status, String error, Timestamp now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("status") + " = ?, "
                + (error == null ? "" : t.col("last_error") + " = ?, ") + t.col("updated_at") + " = ? WHERE "
                + t.col("batch_id") + " = ? AND " + t.col("status") + " = " + t.literal("status", "SUBMITTED") + " AND "
                + t.col("job_id") + " = ?")) {
            int i = 1;
            t.set(ps, i++, "status", status);
            if (error != null) {
                t.set(ps, i++, "last_error", CccidRequestTable.truncate(error, 1000));
            }
            t.set(ps, i++, "updated_at", now);
            t.set(ps, i++, "batch_id", batchId);
            t.set(ps, i, "job_id", jobId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Adds what happened to a batch beyond its plain settlement to its row's note (last_error), after any
     * note it has: the status page and {@code status} list the batches with a note (see {@link RosterBatchNotes}).
     */
    public void addNote(Connection c, String batchId, String note) throws SQLException {
        String before = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.col("last_error") + " FROM " + t.table() + " WHERE "
                + t.col("batch_id") + " = ?")) {
            t.set(ps, 1, "batch_id", batchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    before = rs.getString(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("last_error") + " = ? WHERE "
                + t.col("batch_id") + " = ?")) {
            t.set(ps, 1, "last_error", CccidRequestTable.truncate(before == null ? note : before + " | " + note, 1000));
            t.set(ps, 2, "batch_id", batchId);
            ps.executeUpdate();
        }
    }
}
