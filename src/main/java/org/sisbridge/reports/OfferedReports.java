package org.sisbridge.reports;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The reports each MIS code's last listing offered that were not loaded yet, in the agent's own table
 * {@code sisbridge_report_offer} (V11). {@link ReportPoller} asks the next listing from the oldest of
 * them. They were kept in memory only: a report of a backfill whose load failed on a cut connection,
 * followed by a restart before the next poll, lay before the lookback window of the restarted agent
 * and was never asked for again.
 */
public class OfferedReports {

    static final String TABLE = "sisbridge_report_offer";

    private final DataSource dataSource;
    private final Clock clock;

    public OfferedReports(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** One report a listing offered. */
    public record Offer(String reportId, String sha256, java.time.LocalDate periodEnd) {
    }

    /** What the last listing of this MIS code offered and was not loaded then. */
    public List<Offer> of(String misCode) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT report_id, sha256, period_end FROM " + TABLE + " WHERE mis_code = ?")) {
            select.setString(1, misCode);
            List<Offer> offers = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Date end = rs.getDate(3);
                    offers.add(new Offer(rs.getString(1).trim(), rs.getString(2).trim(), end == null ? null : end.toLocalDate()));
                }
            }
            return offers;
        }
    }

    /**
     * Makes {@code unloaded} this MIS code's offers, in one transaction, and writes nothing when they
     * already are (the usual poll, which offers nothing new). Two agents on one database writing the
     * same offers at once: the one the key refuses leaves the other's rows, which say the same.
     */
    public void remember(String misCode, List<ReportListing> unloaded) throws SQLException {
        Set<Offer> wanted = new HashSet<>();
        for (ReportListing report : unloaded) {
            wanted.add(new Offer(report.reportId(), report.sha256(), report.periodEnd()));
        }
        if (new HashSet<>(of(misCode)).equals(wanted)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                replace(c, misCode, wanted);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void replace(Connection c, String misCode, Set<Offer> offers) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE mis_code = ?")) {
            delete.setString(1, misCode);
            delete.executeUpdate();
        }
        if (offers.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                + " (mis_code, report_id, sha256, period_end, offered_at) VALUES (?, ?, ?, ?, ?)")) {
            for (Offer offer : offers) {
                insert.setString(1, misCode);
                insert.setString(2, offer.reportId());
                insert.setString(3, offer.sha256());
                insert.setDate(4, offer.periodEnd() == null ? null : Date.valueOf(offer.periodEnd()));
                insert.setTimestamp(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
