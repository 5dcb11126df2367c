package org.sisbridge.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * Rejected records per day and reason code since a day (UTC), for the rejects chart. Grouped per
 * reason in SQL and per day here: a day of a timestamp is written differently by every database.
 */
public class RejectsPerDay {

    private final DataSource dataSource;
    private final TableMapping t;

    public RejectsPerDay(DataSource dataSource, StagingMapping mapping) {
        this.dataSource = dataSource;
        this.t = mapping.table("sisbridge_reject");
    }

    /** Day to reason code to count, days oldest first; at most maxRows rejects are read. */
    public Map<LocalDate, Map<String, Long>> since(LocalDate from, int maxRows) throws SQLException {
        Map<LocalDate, Map<String, Long>> perDay = new TreeMap<>();
        String sql = "SELECT " + t.column("reason_code") + ", " + t.column("rejected_at") + " FROM " + t.table() + " WHERE "
                + t.column("rejected_at") + " >= ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(maxRows);
            ps.setFetchSize(1000);
            ps.setObject(1, t.value("rejected_at", from.atStartOfDay()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime at = t.readTimestamp("rejected_at", rs, 2);
                    if (at != null) {
                        perDay.computeIfAbsent(at.toLocalDate(), d -> new TreeMap<>())
                                .merge(rs.getString(1) == null ? "(none)" : rs.getString(1), 1L, Long::sum);
                    }
                }
            }
        }
        return perDay;
    }
}
