package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.staging.dialect.Column;
import org.sisbridge.staging.dialect.StagingDialect;

/**
 * The last batch of each flow and scope, and its last failure, in {@code sisbridge_flow_run}: what the
 * {@code status} command and the status page show when the agent is not running, or was restarted.
 * Written after a batch commits, in its own short transaction: it reports, it never decides.
 * Times are stored in UTC, like every timestamp the agent writes.
 */
public class FlowRunStore {

    private final DataSource dataSource;
    private final String success;
    private final String failure;

    public FlowRunStore(DataSource dataSource, String table, StagingDialect dialect) {
        this.dataSource = dataSource;
        String checked = SqlIdentifier.require("sisbridge.staging.flow-run-table", table);
        List<Column> keys = List.of(new Column("flow", dialect.textType(64)), new Column("scope", dialect.textType(200)));
        this.success = dialect.upsert(checked, keys, List.of(
                new Column("last_success_at", dialect.timestampType()), new Column("received", dialect.countType()),
                new Column("stored", dialect.countType()), new Column("duplicates", dialect.countType()), new Column("rejected", dialect.countType()),
                new Column("updated_at", dialect.timestampType())));
        this.failure = dialect.upsert(checked, keys, List.of(
                new Column("last_failure_at", dialect.timestampType()), new Column("last_failure", dialect.textType(1000)),
                new Column("updated_at", dialect.timestampType())));
    }

    public void success(String flow, String scope, Instant at, BatchCounts counts) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            success(connection, flow, scope, at, counts);
        }
    }

    /** The batch's row written on the caller's connection: it commits (or rolls back) with the batch. */
    public void success(Connection connection, String flow, String scope, Instant at, BatchCounts counts)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(success)) {
            ps.setString(1, flow);
            ps.setString(2, clip(scope, 200));
            ps.setTimestamp(3, utc(at));
            ps.setLong(4, counts.received());
            ps.setLong(5, counts.stored());
            ps.setLong(6, counts.duplicates());
            ps.setLong(7, counts.rejected());
            ps.setTimestamp(8, utc(at));
            ps.executeUpdate();
        }
    }

    public void failure(String flow, String scope, Instant at, String message) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(failure)) {
            ps.setString(1, flow);
            ps.setString(2, clip(scope, 200));
            ps.setTimestamp(3, utc(at));
            ps.setString(4, clip(message, 1000));
            ps.setTimestamp(5, utc(at));
            ps.executeUpdate();
        }
    }

    private static Timestamp utc(Instant at) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
