package org.sisbridge.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.sisbridge.dictionary.RejectReason;

/**
 * What the roster push did, read from the outbox and results tables: CCCIDs created, duplicates
 * found (and by what), students rejected locally and upstream (and why), students in ERROR.
 */
public final class RosterRunSummary {

    private final Map<String, Long> outcomes;
    private final Map<String, Long> duplicatesBy;
    private final Map<String, Long> rejectedBy;
    private final long unsettled;

    private RosterRunSummary(Map<String, Long> outcomes, Map<String, Long> duplicatesBy, Map<String, Long> rejectedBy, long unsettled) {
        this.outcomes = outcomes;
        this.duplicatesBy = duplicatesBy;
        this.rejectedBy = rejectedBy;
        this.unsettled = unsettled;
    }

    public static RosterRunSummary read(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new RosterRunSummary(
                    counts(c, "SELECT outcome, COUNT(*) FROM cccid_result GROUP BY outcome ORDER BY outcome"),
                    counts(c, "SELECT matched_on, COUNT(*) FROM cccid_result WHERE outcome = 'EXISTING' GROUP BY matched_on ORDER BY matched_on"),
                    counts(c, "SELECT reason_code, COUNT(*) FROM cccid_request WHERE status IN ('REJECTED', 'ERROR')"
                            + " GROUP BY reason_code ORDER BY COUNT(*) DESC, reason_code"),
                    counts(c, "SELECT status, COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT') GROUP BY status")
                            .values().stream().mapToLong(Long::longValue).sum());
        }
    }

    public void print(PrintStream out) {
        out.println("Bulk CCCID creation (roster pushed from the cccid_request outbox)");
        out.printf("  %-48s %,9d%n", "New accounts created (CCCID written back)", outcomes.getOrDefault("CREATED", 0L));
        out.printf("  %-48s %,9d%n", "Duplicates found (existing CCCID written back)", outcomes.getOrDefault("EXISTING", 0L));
        duplicatesBy.forEach((matched, n) -> out.printf("    %-46s %,9d%n", "matched on " + matched, n));
        long rejected = rejectedBy.values().stream().mapToLong(Long::longValue).sum();
        out.printf("  %-48s %,9d%n", "Rejected (status REJECTED or ERROR, with reason)", rejected);
        rejectedBy.forEach((code, n) -> out.printf("    %-46s %,9d  %s%n", code, n, meaning(code)));
        if (unsettled > 0) {
            out.printf("  %-48s %,9d%n", "Still PENDING or SENT (demo timed out)", unsettled);
        }
        out.println("  UPSTREAM_REJECTED came back from upstream; every other code was caught locally and never sent.");
    }

    private static Map<String, Long> counts(Connection c, String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static String meaning(String code) {
        try {
            return RejectReason.valueOf(code).meaning();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return "";
        }
    }
}
