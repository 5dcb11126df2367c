package org.sisbridge.rejects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.sisbridge.staging.Reject;
import org.sisbridge.staging.SqlIdentifier;
import org.sisbridge.staging.dialect.StagingDialect;

/** Reads and settles rows of the rejects table ({@code sisbridge.staging.reject-table}). */
public class RejectStore {

    private static final String COLUMNS = "reject_id, source, record_key, source_ref, line_number, reason_code, reason, rejected_at";

    private final DataSource dataSource;
    private final String table;
    private final StagingDialect dialect;

    public RejectStore(DataSource dataSource, String table, StagingDialect dialect) {
        this.dataSource = dataSource;
        this.table = SqlIdentifier.require("sisbridge.staging.reject-table", table);
        this.dialect = dialect;
    }

    /** The newest rejects first, without their raw input; null filters match everything. */
    public List<StoredReject> list(String source, String reasonCode, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + table + where(source, reasonCode) + " ORDER BY reject_id DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(dialect.limit(sql, limit))) {
            bindFilters(ps, source, reasonCode);
            return read(ps, false);
        }
    }

    /** Every id matching the filters, oldest first (the order they were rejected in). */
    public List<Long> ids(String source, String reasonCode) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT reject_id FROM " + table + where(source, reasonCode)
                     + " ORDER BY reject_id")) {
            bindFilters(ps, source, reasonCode);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    public Optional<StoredReject> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id);
        }
    }

    /** With its raw input. */
    public Optional<StoredReject> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", raw_input FROM " + table + " WHERE reject_id = ?")) {
            ps.setLong(1, id);
            return read(ps, true).stream().findFirst();
        }
    }

    public void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE reject_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** A replay that failed again: the reject keeps its row, with the reason of this attempt. */
    public void updateReason(Connection c, long id, Reject again, java.time.LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET reason_code = ?, reason = ?, rejected_at = ? WHERE reject_id = ?")) {
            ps.setString(1, again.reason().name());
            String reason = again.describe();
            ps.setString(2, reason.length() <= 1000 ? reason : reason.substring(0, 1000));
            ps.setTimestamp(3, Timestamp.valueOf(now));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    private static String where(String source, String reasonCode) {
        List<String> conditions = new ArrayList<>();
        if (source != null) {
            conditions.add("source = ?");
        }
        if (reasonCode != null) {
            conditions.add("reason_code = ?");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bindFilters(PreparedStatement ps, String source, String reasonCode) throws SQLException {
        int i = 1;
        if (source != null) {
            ps.setString(i++, source);
        }
        if (reasonCode != null) {
            ps.setString(i, reasonCode);
        }
    }

    private static List<StoredReject> read(PreparedStatement ps, boolean withRaw) throws SQLException {
        List<StoredReject> rejects = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long line = rs.getLong("line_number");
                Timestamp at = rs.getTimestamp("rejected_at");
                rejects.add(new StoredReject(rs.getLong("reject_id"), rs.getString("source"), rs.getString("record_key"),
                        rs.getString("source_ref"), rs.wasNull() ? null : line, rs.getString("reason_code"), rs.getString("reason"),
                        at == null ? null : at.toLocalDateTime(), withRaw ? rs.getString("raw_input") : null));
            }
        }
        return rejects;
    }
}
