package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.sisbridge.staging.mapping.TableMapping;

/** One row per student of a completed job ({@code cccid_result}, or where the mapping sends it), written with the outbox update. */
public class CccidResultTable {

    static final List<String> FIELDS = List.of("request_id", "mis_code", "local_id", "outcome", "ccc_id", "matched_on",
            "errors", "batch_id", "job_id", "received_at", "write_back_status", "write_back_attempts", "write_back_error",
            "write_back_at");

    private static final int IN_CHUNK = 500;

    private final MappedTable t;

    /** The generic layout's results table of that name. */
    public CccidResultTable(String table) {
        this.t = MappedTable.generic("cccid_result", table);
    }

    /** @param mapping where the college's mapping sends the canonical results table */
    public CccidResultTable(TableMapping mapping) {
        this.t = new MappedTable(mapping);
    }

    MappedTable mapped() {
        return t;
    }

    /**
     * Records the results, each replacing any earlier result of its outbox row. The results table holds
     * one row per request id, and an outbox row may come back: docs/flows.md tells the college to queue a
     * student again by fixing the row and setting it PENDING, which keeps its request id (and its first
     * result, often REJECTED). A plain insert broke that key, the whole settlement rolled back, and the
     * batch, its other students and every later batch of the college stayed where they were for good.
     */
    public void insert(Connection c, List<Row> rows, Timestamp now) throws SQLException {
        removeEarlier(c, rows.stream().map(Row::requestId).toList());
        try (PreparedStatement ps = c.prepareStatement(t.insertSql(FIELDS))) {
            for (Row r : rows) {
                t.bindRow(ps, FIELDS, Arrays.asList(
                        r.requestId(),
                        r.misCode(),
                        r.result().localId(),
                        r.result().outcome(),
                        r.result().cccid(),
                        r.result().matchedOn().isEmpty() ? null : String.join(",", r.result().matchedOn()),
                        r.result().errorsJson() == null ? null : CccidRequestTable.truncate(r.result().errorsJson(), 4000),
                        r.batchId(),
                        r.jobId(),
                        now,
                        r.writeBack() == null ? null : r.writeBack().status(),
                        r.writeBack() == null ? null : r.writeBack().attempts(),
                        r.writeBack() == null ? null : r.writeBack().error(),
                        r.writeBack() == null ? null : now));
                ps.addBatch();
            }
            if (!rows.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    /** Deletes the results these request ids already have (none, but for a row queued again). */
    private void removeEarlier(Connection c, List<Long> requestIds) throws SQLException {
        List<Long> found = new ArrayList<>();
        for (int from = 0; from < requestIds.size(); from += IN_CHUNK) {
            List<Long> chunk = requestIds.subList(from, Math.min(requestIds.size(), from + IN_CHUNK));
            // one read per chunk of the unique index on request_id: the common case finds nothing and deletes nothing
            try (PreparedStatement ps = c.prepareStatement("SELECT " + t.col("request_id") + " FROM " + t.table() + " WHERE "
                    + t.col("request_id") + " IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.table() + " WHERE " + t.col("request_id") + " = ?")) {
            for (long requestId : found) {
                ps.setLong(1, requestId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Results whose write-back is still PENDING, oldest first, for the retry of a run: at most limit
     * of one college.
     */
    public List<PendingWriteBack> pendingWriteBacks(Connection c, String misCode, int limit) throws SQLException {
        List<PendingWriteBack> pending = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.col("request_id") + ", " + t.col("local_id") + ", "
                + t.col("outcome") + ", " + t.col("ccc_id") + ", " + t.col("matched_on") + ", " + t.col("batch_id") + ", "
                + t.col("write_back_attempts") + " FROM " + t.table() + " WHERE " + t.col("mis_code") + " = ? AND "
                + t.col("write_back_status") + " = " + t.literal("write_back_status", SisWriteBack.PENDING)
                + " ORDER BY " + t.col("request_id"))) {
            t.set(ps, 1, "mis_code", misCode);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.add(new PendingWriteBack(rs.getLong(1), misCode, rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)));
                }
            }
        }
        return pending;
    }

    /**
     * Takes one PENDING write-back for this attempt: a compare-and-set from the attempts read, which
     * also locks the row until the caller's transaction ends, so two runs never write the same CCCID back.
     *
     * @return false when another run took it (or settled it) since it was read
     */
    public boolean claimWriteBack(Connection c, PendingWriteBack p, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("write_back_attempts") + " = ?, "
                + t.col("write_back_at") + " = ? WHERE " + t.col("request_id") + " = ? AND " + t.col("write_back_status") + " = "
                + t.literal("write_back_status", SisWriteBack.PENDING) + " AND " + t.col("write_back_attempts") + " = ?")) {
            ps.setInt(1, p.attempts() + 1);
            t.set(ps, 2, "write_back_at", now);
            ps.setLong(3, p.requestId());
            ps.setInt(4, p.attempts());
            return ps.executeUpdate() == 1;
        }
    }

    /** The outcome of a claimed attempt: DONE, PENDING again (with the database's message) or FAILED. */
    public void settleWriteBack(Connection c, long requestId, String status, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("write_back_status") + " = ?, "
                + t.col("write_back_error") + " = ? WHERE " + t.col("request_id") + " = ?")) {
            t.set(ps, 1, "write_back_status", status);
            t.set(ps, 2, "write_back_error", error);
            ps.setLong(3, requestId);
            ps.executeUpdate();
        }
    }

    /** A result and the outbox row and batch it answers; writeBack null when it is not written back. */
    public record Row(long requestId, String misCode, String batchId, String jobId, StudentResult result,
                      WriteBackState writeBack) {

        public Row(long requestId, String misCode, String batchId, String jobId, StudentResult result) {
            this(requestId, misCode, batchId, jobId, result, null);
        }
    }

    /** Where a result's write-back stands after an attempt. */
    public record WriteBackState(String status, int attempts, String error) {
    }

    /** A result whose write-back is to be tried again. */
    public record PendingWriteBack(long requestId, String misCode, String localId, String outcome, String cccid,
                                   String matchedOn, String batchId, int attempts) {
    }
}
