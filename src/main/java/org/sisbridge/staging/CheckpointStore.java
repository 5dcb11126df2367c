package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.sisbridge.staging.dialect.Column;
import org.sisbridge.staging.dialect.StagingDialect;

/**
 * Where each flow is in its upstream feed (a cursor per flow and scope, such as a MIS code).
 * {@link #save} takes the caller's connection so that the cursor commits in the same transaction
 * as the rows it covers: a crash can never store one without the other.
 */
public class CheckpointStore {

    private final DataSource dataSource;
    private final String table;
    private final Clock clock;

    private final String upsert;

    public CheckpointStore(DataSource dataSource, String table, StagingDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.table = SqlIdentifier.require("sisbridge.staging.checkpoint-table", table);
        this.clock = clock;
        this.upsert = dialect.upsert(this.table,
                List.of(new Column("flow", dialect.textType(64)), new Column("scope", dialect.textType(64))),
                List.of(new Column("cursor_value", dialect.textType(1000)), new Column("updated_at", dialect.timestampType())));
    }

    public Optional<String> load(String flow, String scope) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT cursor_value FROM " + table + " WHERE flow = ? AND scope = ?")) {
            select.setString(1, flow);
            select.setString(2, scope);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** One atomic upsert in the database's own syntax (see the staging dialects). */
    public void save(Connection connection, String flow, String scope, String cursor) throws SQLException {
        try (PreparedStatement save = connection.prepareStatement(upsert)) {
            save.setString(1, flow);
            save.setString(2, scope);
            save.setString(3, cursor);
            save.setTimestamp(4, Timestamp.valueOf(LocalDateTime.now(clock)));
            save.executeUpdate();
        }
    }
}
