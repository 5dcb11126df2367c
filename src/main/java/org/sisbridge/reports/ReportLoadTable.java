package org.sisbridge.reports;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.sisbridge.staging.SqlIdentifier;

/**
 * The load table: one row per report version (report id + sha256) that has been loaded. The row
 * is written in the same transaction as the report's last rows, so "is this report loaded?" is
 * answered by the same commit that made it true.
 */
public class ReportLoadTable {

    private final DataSource dataSource;
    private final String table;

    public ReportLoadTable(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = SqlIdentifier.require("sisbridge.reports.load-table", table);
    }

    public boolean isLoaded(String reportId, String sha256) throws SQLException {
        return first("SELECT report_id FROM " + table + " WHERE report_id = ? AND sha256 = ?", reportId, sha256).isPresent();
    }

    /** @return the report id under which these exact bytes were loaded, from the listing or a drop */
    public Optional<String> loadedAs(String sha256) throws SQLException {
        return first("SELECT report_id FROM " + table + " WHERE sha256 = ?", sha256);
    }

    /** The end of the latest period loaded from the listing for a MIS code, where the next poll resumes. */
    public Optional<LocalDate> latestPeriodEnd(String misCode) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT MAX(period_end) FROM " + table + " WHERE mis_code = ?")) {
            select.setString(1, misCode);
            try (ResultSet rs = select.executeQuery()) {
                Date max = rs.next() ? rs.getDate(1) : null;
                return Optional.ofNullable(max).map(Date::toLocalDate);
            }
        }
    }

    public void record(Connection connection, ReportIdentity report, long rowsLoaded, long rowsRejected,
                       LocalDateTime loadedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (report_id, sha256,"
                + " mis_code, period, period_start, period_end, source, rows_loaded, rows_rejected, loaded_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, report.reportId());
            insert.setString(2, report.sha256());
            insert.setString(3, report.misCode());
            insert.setString(4, report.period());
            date(insert, 5, report.periodStart());
            date(insert, 6, report.periodEnd());
            insert.setString(7, report.source());
            insert.setLong(8, rowsLoaded);
            insert.setLong(9, rowsRejected);
            insert.setTimestamp(10, Timestamp.valueOf(loadedAt));
            insert.executeUpdate();
        }
    }

    private Optional<String> first(String sql, String... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setString(i + 1, args[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void date(PreparedStatement insert, int index, LocalDate value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.DATE);
        } else {
            insert.setDate(index, Date.valueOf(value));
        }
    }
}
