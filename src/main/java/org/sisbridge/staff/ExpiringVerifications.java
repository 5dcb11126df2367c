package org.sisbridge.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Verifications about to expire. A verification lasts {@link #VALID_FOR} (365 days) from the
 * student's last {@code verified} status, so it expires within the next N days when that status
 * was set between 365 days ago and 365 - N days ago.
 *
 * <p>"Last" is over both sources, the events feed and the status change reports: the same change
 * usually arrives by both, and a college may receive only one. A {@code verified} change counts
 * only if no later change of any status follows it in either source: a later {@code verified}
 * starts a new year (that one is the candidate instead), and a later {@code unverified},
 * {@code expired} or {@code staff_verified} ends the ID.me verification the year was counted from.
 * The times are the staged UTC wall-clock times; the comparison happens in SQL with no date
 * arithmetic, so the same statement runs on every staging database.
 */
public class ExpiringVerifications {

    public static final Duration VALID_FOR = Duration.ofDays(365);

    private final DataSource dataSource;
    private final StatusSources sources;

    public ExpiringVerifications(DataSource dataSource, StatusSources sources) {
        this.dataSource = dataSource;
        this.sources = sources;
    }

    /** One student whose verification runs out soon. */
    public record Expiring(String cccId, LocalDateTime verifiedAt, LocalDateTime expiresAt) {
    }

    /**
     * @param now        UTC wall-clock time
     * @param withinDays how far ahead to look
     * @return the students whose verification expires after now and within that many days, soonest first
     */
    public List<Expiring> within(LocalDateTime now, int withinDays) throws SQLException {
        LocalDateTime from = now.minus(VALID_FOR);
        LocalDateTime until = from.plusDays(withinDays);
        String sql = "SELECT v.ccc_id, MAX(v.changed_at) FROM (" + sources.union(true) + ") v"
                + " WHERE v.changed_at > ? AND v.changed_at <= ? AND NOT (" + sources.laterChangeExists("v") + ")"
                + " GROUP BY v.ccc_id ORDER BY MAX(v.changed_at), v.ccc_id";
        List<Expiring> expiring = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setObject(1, sources.eventStatus("verified"));
            select.setObject(2, sources.reportStatus("verified"));
            select.setTimestamp(3, Timestamp.valueOf(from));
            select.setTimestamp(4, Timestamp.valueOf(until));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime verifiedAt = rs.getTimestamp(2).toLocalDateTime();
                    expiring.add(new Expiring(rs.getString(1).trim(), verifiedAt, verifiedAt.plus(VALID_FOR)));
                }
            }
        }
        return expiring;
    }
}
