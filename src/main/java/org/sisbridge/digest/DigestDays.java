package org.sisbridge.digest;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.sisbridge.staging.ProgressMarkerMovedException;

/**
 * The sisbridge_digest table: one row per day a digest is due, PENDING until the relay accepted
 * it, then SENT (or SKIPPED on a day with nothing to say). The state moves only by compare-and-set
 * from the row as it was read (state and attempts), so two agents on one database, or a retry that
 * overlaps a slow send, never both mark a day sent; the loser learns it from
 * {@link ProgressMarkerMovedException}.
 */
public class DigestDays {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String SKIPPED = "SKIPPED";

    private final DataSource dataSource;
    private final Clock clock;

    public DigestDays(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A day's row as read: what a compare-and-set compares with. */
    public record Day(LocalDate day, String state, String messageId, int attempts, LocalDateTime lastFailureAt) {
    }

    public Optional<Day> find(LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT state, message_id, attempts, last_failure_at FROM sisbridge_digest WHERE digest_day = ?")) {
            select.setDate(1, Date.valueOf(day));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp failed = rs.getTimestamp(4);
                return Optional.of(new Day(day, rs.getString(1).trim(), rs.getString(2), rs.getInt(3),
                        failed == null ? null : failed.toLocalDateTime()));
            }
        }
    }

    /** The day's row, created PENDING if there is none yet (another agent creating it at once is fine). */
    public Day open(LocalDate day, String messageId) throws SQLException {
        Optional<Day> existing = find(day);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO sisbridge_digest (digest_day, state, message_id, attempts, created_at) VALUES (?, ?, ?, 0, ?)")) {
            insert.setDate(1, Date.valueOf(day));
            insert.setString(2, PENDING);
            insert.setString(3, messageId);
            insert.setTimestamp(4, Timestamp.valueOf(now()));
            insert.executeUpdate();
        } catch (SQLException duplicate) {
            // the key refused it: another agent opened the day first; its row is the day's row
            return find(day).orElseThrow(() -> duplicate);
        }
        return find(day).orElseThrow();
    }

    /** PENDING to SENT or SKIPPED, from the row as read. */
    public void mark(Day read, String state) throws SQLException {
        update(read, "UPDATE sisbridge_digest SET state = ?, attempts = ?, sent_at = ? WHERE digest_day = ? AND state = ?"
                + " AND attempts = ?", state, Timestamp.valueOf(now()));
    }

    /** One more failed attempt (the day stays PENDING and is tried again after the retry interval). */
    public void failed(Day read, String why) throws SQLException {
        update(read, "UPDATE sisbridge_digest SET last_failure = ?, attempts = ?, last_failure_at = ? WHERE digest_day = ?"
                + " AND state = ? AND attempts = ?", why.length() > 1000 ? why.substring(0, 1000) : why,
                Timestamp.valueOf(now()));
    }

    private void update(Day read, String sql, String value, Timestamp at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, value);
            update.setInt(2, read.attempts() + 1);
            update.setTimestamp(3, at);
            update.setDate(4, Date.valueOf(read.day()));
            update.setString(5, read.state());
            update.setInt(6, read.attempts());
            if (update.executeUpdate() != 1) {
                throw new ProgressMarkerMovedException("the digest of " + read.day() + " is no longer " + read.state()
                        + " after " + read.attempts() + " attempt(s): another agent or attempt moved it first");
            }
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
