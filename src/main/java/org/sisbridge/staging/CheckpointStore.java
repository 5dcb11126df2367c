package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where each flow is in its upstream feed (a cursor per flow and scope, such as a MIS code).
 * {@link #save} takes the caller's connection so that the cursor commits in the same transaction
 * as the rows it covers: a crash can never store one without the other.
 */
public class CheckpointStore {

    private final DataSource dataSource;
    private final String table;
    private final Clock clock;

    public CheckpointStore(DataSource dataSource, String table, Clock clock) {
        this.dataSource = dataSource;
        this.table = SqlIdentifier.require("sisbridge.staging.checkpoint-table", table);
        this.clock = clock;
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

    /** Update-then-insert: portable across every supported database, and safe inside one transaction. */
    public void save(Connection connection, String flow, String scope, String cursor) throws SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET cursor_value = ?, updated_at = ? WHERE flow = ? AND scope = ?")) {
            update.setString(1, cursor);
            update.setTimestamp(2, now);
            update.setString(3, flow);
            update.setString(4, scope);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (flow, scope, cursor_value, updated_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, flow);
            insert.setString(2, scope);
            insert.setString(3, cursor);
            insert.setTimestamp(4, now);
            insert.executeUpdate();
        }
    }
}
