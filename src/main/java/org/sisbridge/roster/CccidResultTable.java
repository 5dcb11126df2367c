package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.sisbridge.staging.mapping.TableMapping;

/** One row per student of a completed job ({@code cccid_result}, or where the mapping sends it), written with the outbox update. */
public class CccidResultTable {

    static final List<String> FIELDS = List.of("request_id", "mis_code", "local_id", "outcome", "ccc_id", "matched_on",
            "errors", "batch_id", "job_id", "received_at");

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

    public void insert(Connection c, List<Row> rows, Timestamp now) throws SQLException {
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
                        now));
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
