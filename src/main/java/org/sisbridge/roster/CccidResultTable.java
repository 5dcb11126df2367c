package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/** One row per student of a completed job ({@code cccid_result}), written with the outbox update. */
public class CccidResultTable {

    private final String table;

    public CccidResultTable(String table) {
        this.table = table;
    }

    public void insert(Connection c, List<Row> rows, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (request_id, mis_code, local_id,"
                + " outcome, ccc_id, matched_on, errors, batch_id, job_id, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            for (Row r : rows) {
                ps.setLong(1, r.requestId());
                ps.setString(2, r.misCode());
                ps.setString(3, r.result().localId());
                ps.setString(4, r.result().outcome());
                ps.setString(5, r.result().cccid());
                ps.setString(6, r.result().matchedOn().isEmpty() ? null : String.join(",", r.result().matchedOn()));
                ps.setString(7, r.result().errorsJson() == null ? null : CccidRequestTable.truncate(r.result().errorsJson(), 4000));
                ps.setString(8, r.batchId());
                ps.setString(9, r.jobId());
                ps.setTimestamp(10, now);
                ps.addBatch();
            }
            if (!rows.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    /** A result and the outbox row and batch it answers. */
    public record Row(long requestId, String misCode, String batchId, String jobId, StudentResult result) {
    }
}
