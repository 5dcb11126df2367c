package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where each flow is in its upstream feed (a cursor per flow and scope, such as a MIS code).
 * {@link #advance} takes the caller's connection so that the cursor commits in the same transaction
 * as the rows it covers: a crash can never store one without the other. It moves the cursor only by
 * compare-and-set from the cursor the page was fetched with, so a page whose predecessor did not
 * commit (a retry, a late thread, a second agent) can never move it past that page.
 */
public class CheckpointStore {

    /**
     * The longest cursor the checkpoint holds: its cursor_value column, 1000 characters in every database's
     * migration and every layout's DDL. A longer one would fail each commit (or, on a MySQL without strict mode,
     * be cut short and sent back so), so a feed's page that carries one is refused before anything of it is staged.
     */
    public static final int MAX_CURSOR_CHARS = 1000;

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

    /**
     * Moves the cursor from {@code expected} to {@code next}, in the caller's transaction.
     *
     * @param expected the cursor the page was fetched with: what {@link #load} returned (null: the
     *                 feed's start, no row yet or a row without a cursor)
     * @throws CheckpointMovedException when the stored cursor is not {@code expected}: nothing was
     *                                  written, and the caller must roll its transaction back
     *                                  (the connection must be in a transaction: auto-commit off)
     */
    public void advance(Connection connection, String flow, String scope, String expected, String next) throws SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        String where = expected == null ? "cursor_value IS NULL" : "cursor_value = ?";
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET cursor_value = ?, updated_at = ? WHERE flow = ? AND scope = ? AND " + where)) {
            update.setString(1, next);
            update.setTimestamp(2, now);
            update.setString(3, flow);
            update.setString(4, scope);
            if (expected != null) {
                update.setString(5, expected);
            }
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        if (expected != null) {
            throw new CheckpointMovedException(flow, scope, expected);
        }
        insertFirst(connection, flow, scope, next, now);
    }

    /** The feed's first page: the row must not exist; the table's key refuses a second first page. */
    private void insertFirst(Connection connection, String flow, String scope, String next, Timestamp now) throws SQLException {
        // PostgreSQL aborts the whole transaction on a key violation; the caller rolls back anyway, but a
        // savepoint keeps the failure the CheckpointMovedException and not "current transaction is aborted"
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (flow, scope, cursor_value, updated_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, flow);
            insert.setString(2, scope);
            insert.setString(3, next);
            insert.setTimestamp(4, now);
            insert.executeUpdate();
        } catch (SQLException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException lost) {
                e.addSuppressed(lost);
            }
            if (KeyViolation.isKeyViolation(e)) {
                throw new CheckpointMovedException(flow, scope, null, e);
            }
            throw e;
        }
    }
}
