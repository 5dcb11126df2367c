package org.sisbridge.reports;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.staging.SqlIdentifier;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.ColumnConversion;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The load table: one row per report version (report id + sha256) that has been loaded
 * ({@code sisbridge_report_load} in the generic layout, or wherever the college's mapping sends it).
 * The row is written in the same transaction as the report's last rows, so "is this report loaded?"
 * is answered by the same commit that made it true. Its queries use the mapped column names and
 * compare with the values as the mapping converts them.
 */
public class ReportLoadTable {

    /** The canonical fields of a load-table row, in the order rows are bound. */
    static final List<String> FIELDS = List.copyOf(CanonicalLayout.tables().get("sisbridge_report_load").keySet());

    private final DataSource dataSource;
    private final TableMapping mapping;

    /** A table of the generic layout: canonical column names, no conversions. */
    public ReportLoadTable(DataSource dataSource, String table) {
        this(dataSource, new TableMapping(SqlIdentifier.require("sisbridge.reports.load-table", table), Map.of(), Map.of(),
                CanonicalLayout.tables().get("sisbridge_report_load")));
    }

    /** @param mapping where the canonical load table goes in this college's layout */
    public ReportLoadTable(DataSource dataSource, TableMapping mapping) {
        this.dataSource = dataSource;
        this.mapping = mapping;
    }

    public boolean isLoaded(String reportId, String sha256) throws SQLException {
        return first("SELECT " + mapping.column("report_id") + " FROM " + mapping.table() + " WHERE "
                + mapping.column("report_id") + " = ? AND " + mapping.column("sha256") + " = ?",
                mapping.value("report_id", reportId), mapping.value("sha256", sha256)).isPresent();
    }

    /** @return the report id under which these exact bytes were loaded, from the listing or a drop (as the table holds it) */
    public Optional<String> loadedAs(String sha256) throws SQLException {
        return first("SELECT " + mapping.column("report_id") + " FROM " + mapping.table() + " WHERE "
                + mapping.column("sha256") + " = ?", mapping.value("sha256", sha256));
    }

    /** The end of the latest period loaded from the listing for a MIS code, where the next poll resumes. */
    public Optional<LocalDate> latestPeriodEnd(String misCode) throws SQLException {
        String periodEnd = mapping.column("period_end");
        boolean text = "text".equals(mapping.targetKind("period_end"));
        // a date written as text need not sort as one (dd/MM/yyyy): then the latest is found here, not by MAX
        String sql = text
                ? "SELECT DISTINCT " + periodEnd + " FROM " + mapping.table() + " WHERE " + mapping.column("mis_code")
                        + " = ? AND " + periodEnd + " IS NOT NULL"
                : "SELECT MAX(" + periodEnd + ") FROM " + mapping.table() + " WHERE " + mapping.column("mis_code") + " = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setObject(1, mapping.value("mis_code", misCode));
            try (ResultSet rs = select.executeQuery()) {
                if (!text) {
                    Date max = rs.next() ? rs.getDate(1) : null;
                    return Optional.ofNullable(max).map(Date::toLocalDate);
                }
                LocalDate latest = null;
                while (rs.next()) {
                    LocalDate end = dateFromText(rs.getString(1));
                    if (latest == null || end.isAfter(latest)) {
                        latest = end;
                    }
                }
                return Optional.ofNullable(latest);
            }
        }
    }

    /** A period_end the mapping wrote as text, read back. */
    private LocalDate dateFromText(String value) throws SQLException {
        TableMapping.ColumnMapping mapped = mapping.columns().get("period_end");
        try {
            if (mapped != null && mapped.conversion() instanceof ColumnConversion.DateTimeText format) {
                return LocalDate.parse(value.trim(), format.format());
            }
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new SQLException(mapping.table() + "." + mapping.column("period_end") + " holds '" + value
                    + "', which is not a date in the mapping's format", e);
        }
    }

    /**
     * Inserts the report's load row if none exists yet for this report version, in the caller's
     * transaction (that of the report's last rows). A row already there means another load finished
     * this report first: {@link ProgressMarkerMovedException} then fails the transaction, so the
     * report is never counted as loaded twice. The table's key on (report_id, sha256), where the
     * layout has one, closes the gap between the read and the insert.
     */
    public void record(Connection connection, ReportIdentity report, long rowsLoaded, long rowsRejected,
                       LocalDateTime loadedAt) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + mapping.table() + " WHERE "
                + mapping.column("report_id") + " = ? AND " + mapping.column("sha256") + " = ?")) {
            select.setObject(1, mapping.value("report_id", report.reportId()));
            select.setObject(2, mapping.value("sha256", report.sha256()));
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    throw new ProgressMarkerMovedException("report " + report.reportId() + " already has a load row in "
                            + mapping.table() + " (another load finished it first)");
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(mapping.insertSql(FIELDS))) {
            mapping.bind(insert, FIELDS, values(report, rowsLoaded, rowsRejected, loadedAt));
            insert.executeUpdate();
        }
    }

    /**
     * A rejected row of this report staged later (a replay): its latest load row counts one more
     * row loaded and one fewer rejected, in the caller's transaction, so the load row still adds up
     * to what the report held. A college that maps the counts to text columns keeps them as loaded.
     */
    public void countReplayedRow(Connection connection, String reportId) throws SQLException {
        if (!"number".equals(mapping.targetKind("rows_loaded")) || !"number".equals(mapping.targetKind("rows_rejected"))) {
            return;
        }
        String id = mapping.column("report_id");
        String loadedAt = mapping.column("loaded_at");
        Object key = mapping.value("report_id", reportId);
        Object latest;
        // read first, then update: MariaDB cannot update a table its own subquery selects from
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MAX(" + loadedAt + ") FROM " + mapping.table() + " WHERE " + id + " = ?")) {
            select.setObject(1, key);
            try (ResultSet rs = select.executeQuery()) {
                latest = rs.next() ? rs.getObject(1) : null;
            }
        }
        if (latest == null) {
            return; // no load row: the report never finished loading, so there is nothing to correct
        }
        String loaded = mapping.column("rows_loaded");
        String rejected = mapping.column("rows_rejected");
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + mapping.table() + " SET " + loaded + " = "
                + loaded + " + 1, " + rejected + " = " + rejected + " - 1 WHERE " + id + " = ? AND " + loadedAt + " = ? AND "
                + rejected + " > 0")) {
            update.setObject(1, key);
            update.setObject(2, latest);
            update.executeUpdate();
        }
    }

    /** The load row's values in {@link #FIELDS} order. */
    private static List<Object> values(ReportIdentity report, long rowsLoaded, long rowsRejected, LocalDateTime loadedAt) {
        Map<String, Object> row = new HashMap<>();
        row.put("report_id", report.reportId());
        row.put("sha256", report.sha256());
        row.put("mis_code", report.misCode());
        row.put("period", report.period());
        row.put("period_start", report.periodStart());
        row.put("period_end", report.periodEnd());
        row.put("source", report.source());
        row.put("rows_loaded", rowsLoaded);
        row.put("rows_rejected", rowsRejected);
        row.put("loaded_at", loadedAt);
        return TableMapping.inFieldOrder(FIELDS, row);
    }

    private Optional<String> first(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
