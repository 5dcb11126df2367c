package org.sisbridge.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The status changes of a period, from the events feed and the status change reports together.
 * The same change usually arrives by both: it is listed once per CCCID, status and time, with the
 * sources that carried it.
 */
public class RecentStatusChanges {

    private final DataSource dataSource;
    private final StatusSources sources;

    public RecentStatusChanges(DataSource dataSource, StatusSources sources) {
        this.dataSource = dataSource;
        this.sources = sources;
    }

    /** One change: status is lower-case as in the dictionary; sources "events", "reports" or both. */
    public record Change(String cccId, String status, LocalDateTime changedAt, List<String> sources) {
    }

    /**
     * @param from  UTC wall-clock time, inclusive
     * @param until UTC wall-clock time, exclusive
     * @param limit at most this many changes, the latest first
     */
    public List<Change> between(LocalDateTime from, LocalDateTime until, int limit) throws SQLException {
        String sql = "SELECT c.ccc_id, c.status, c.changed_at, MIN(c.source), MAX(c.source) FROM (" + sources.union(false)
                + ") c WHERE c.changed_at >= ? AND c.changed_at < ? GROUP BY c.ccc_id, c.status, c.changed_at"
                + " ORDER BY c.changed_at DESC, c.ccc_id";
        List<Change> changes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setMaxRows(limit);
            select.setTimestamp(1, Timestamp.valueOf(from));
            select.setTimestamp(2, Timestamp.valueOf(until));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && changes.size() < limit) {
                    String first = rs.getString(4);
                    String last = rs.getString(5);
                    changes.add(new Change(rs.getString(1).trim(), rs.getString(2) == null ? null
                            : rs.getString(2).trim().toLowerCase(Locale.ROOT), rs.getTimestamp(3).toLocalDateTime(),
                            first.equals(last) ? List.of(first) : List.of(first, last)));
                }
            }
        }
        return changes;
    }
}
