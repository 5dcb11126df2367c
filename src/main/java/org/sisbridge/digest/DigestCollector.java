package org.sisbridge.digest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.sisbridge.staff.ExpiringVerifications;
import org.sisbridge.staff.RecentStatusChanges;
import org.sisbridge.staff.StudentNames;
import org.sisbridge.staging.mapping.TableMapping;

/** Reads one period's digest from the staging tables. */
public class DigestCollector {

    /** Status changes listed at most per digest (a mail is no place for a whole term's worth). */
    private final int maxListed;
    private final DataSource dataSource;
    private final TableMapping events;
    private final TableMapping reports;
    private final String rejectTable;
    private final RecentStatusChanges changes;
    private final ExpiringVerifications expiring;
    private final StudentNames names;

    public DigestCollector(DataSource dataSource, TableMapping events, TableMapping reports, String rejectTable,
                           RecentStatusChanges changes, ExpiringVerifications expiring, StudentNames names, int maxListed) {
        this.dataSource = dataSource;
        this.events = events;
        this.reports = reports;
        this.rejectTable = rejectTable;
        this.changes = changes;
        this.expiring = expiring;
        this.names = names;
        this.maxListed = maxListed;
    }

    public DigestContent collect(LocalDate day, LocalDateTime from, LocalDateTime until, int expiringWithinDays,
                                 boolean includeNames) throws SQLException {
        TreeSet<String> unverified = new TreeSet<>();
        TreeSet<String> expired = new TreeSet<>();
        for (RecentStatusChanges.Change change : changes.between(from, until, maxListed)) {
            if ("unverified".equals(change.status())) {
                unverified.add(change.cccId());
            } else if ("expired".equals(change.status())) {
                expired.add(change.cccId());
            }
        }
        List<ExpiringVerifications.Expiring> soon = expiring.within(until, expiringWithinDays);
        Map<String, String> named = Map.of();
        if (includeNames) {
            TreeSet<String> all = new TreeSet<>(unverified);
            all.addAll(expired);
            soon.forEach(e -> all.add(e.cccId()));
            named = names.of(all);
        }
        return new DigestContent(day, from, until,
                count("SELECT COUNT(*) FROM " + events.table() + " WHERE " + events.column("received_at") + " >= ? AND "
                        + events.column("received_at") + " < ?", from, until),
                count("SELECT COUNT(*) FROM " + reports.table() + " WHERE " + reports.column("loaded_at") + " >= ? AND "
                        + reports.column("loaded_at") + " < ?", from, until),
                new ArrayList<>(unverified), new ArrayList<>(expired), soon, expiringWithinDays, rejects(from, until), named);
    }

    private long count(String sql, LocalDateTime from, LocalDateTime until) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setTimestamp(1, Timestamp.valueOf(from));
            select.setTimestamp(2, Timestamp.valueOf(until));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private Map<String, Long> rejects(LocalDateTime from, LocalDateTime until) throws SQLException {
        Map<String, Long> bySource = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT source, reason_code, COUNT(*) FROM " + rejectTable + " WHERE rejected_at >= ? AND rejected_at < ?"
                        + " GROUP BY source, reason_code ORDER BY source, reason_code")) {
            select.setTimestamp(1, Timestamp.valueOf(from));
            select.setTimestamp(2, Timestamp.valueOf(until));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    bySource.put(rs.getString(1).trim() + " / " + rs.getString(2).trim(), rs.getLong(3));
                }
            }
        }
        return bySource;
    }
}
