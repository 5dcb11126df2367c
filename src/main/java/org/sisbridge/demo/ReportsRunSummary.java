package org.sisbridge.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.reports.ReportRowValidator;
import org.sisbridge.reports.ReportsFlowStatistics;

/**
 * What the reports flow did, for the demo: reports loaded, rows staged, rows rejected and why,
 * reports refused whole (their bytes did not match the listing). Counts of rows come from the
 * staging tables, so the summary shows what is really there.
 */
public final class ReportsRunSummary {

    private final long reports;
    private final long rows;
    private final long undocumented;
    private final Map<String, Long> rejectsByReason;
    private final ReportsFlowStatistics.Snapshot statistics;

    private ReportsRunSummary(long reports, long rows, long undocumented, Map<String, Long> rejectsByReason,
                              ReportsFlowStatistics.Snapshot statistics) {
        this.reports = reports;
        this.rows = rows;
        this.undocumented = undocumented;
        this.rejectsByReason = rejectsByReason;
        this.statistics = statistics;
    }

    /** Waits until {@code expected} reports have loaded; false when the timeout came first. */
    public static boolean waitUntilLoaded(ReportsFlowStatistics statistics, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (statistics.snapshot().loaded() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    public static ReportsRunSummary read(DataSource dataSource, ReportsFlowStatistics.Snapshot statistics) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> rejects = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT reason_code, COUNT(*) FROM sisbridge_reject"
                    + " WHERE source = ? GROUP BY reason_code ORDER BY COUNT(*) DESC")) {
                ps.setString(1, ReportRowValidator.SOURCE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rejects.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return new ReportsRunSummary(count(c, "SELECT COUNT(*) FROM sisbridge_report_load"),
                    count(c, "SELECT COUNT(*) FROM idme_status_change"),
                    count(c, "SELECT COUNT(*) FROM idme_status_change WHERE transition_valid = FALSE"), rejects, statistics);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void print(PrintStream out) {
        out.println("ID.me status change reports");
        out.printf("  %-48s %,9d%n", "Reports loaded (sisbridge_report_load)", reports);
        out.printf("  %-48s %,9d%n", "Downloads refused whole (sha256 mismatch)", statistics.refused());
        out.printf("  %-48s %,9d%n", "Report rows read", statistics.rows());
        out.printf("  %-48s %,9d%n", "Rows staged in idme_status_change", rows);
        out.printf("  %-48s %,9d%n", "  of which undocumented status transitions", undocumented);
        out.printf("  %-48s %,9d%n", "Rows already staged (weekly over its dailies)", statistics.rows() - statistics.rowsNew()
                - statistics.rejectedTotal());
        long rejected = rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
        out.printf("  %-48s %,9d%n", "Rows rejected to sisbridge_reject", rejected);
        rejectsByReason.forEach((code, n) -> out.printf("    %-46s %,9d  %s%n", code, n, meaning(code)));
    }

    private static String meaning(String code) {
        try {
            return RejectReason.valueOf(code).meaning();
        } catch (IllegalArgumentException unknown) {
            return "";
        }
    }
}
