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
import org.sisbridge.events.EventsFlowStatistics;

/**
 * What the events flow did, in words a college IT person reads: what came in, what was stored,
 * what was skipped as a duplicate, what was rejected and why. Counts of rows come from the
 * staging tables themselves, so the summary shows what is really there.
 */
public final class EventsRunSummary {

    private final long received;
    private final long duplicates;
    private final long storedRows;
    private final long undocumentedRows;
    private final long unknownTypeRows;
    private final Map<String, Long> rejectsByReason;

    private EventsRunSummary(long received, long duplicates, long storedRows, long undocumentedRows, long unknownTypeRows,
                             Map<String, Long> rejectsByReason) {
        this.received = received;
        this.duplicates = duplicates;
        this.storedRows = storedRows;
        this.undocumentedRows = undocumentedRows;
        this.unknownTypeRows = unknownTypeRows;
        this.rejectsByReason = rejectsByReason;
    }

    public static EventsRunSummary read(DataSource dataSource, String eventTable, EventsFlowStatistics.Snapshot stats)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> rejects = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT reason_code, COUNT(*) FROM sisbridge_reject"
                    + " WHERE source = ? GROUP BY reason_code ORDER BY COUNT(*) DESC")) {
                ps.setString(1, "idme-events");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rejects.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return new EventsRunSummary(stats.received(), stats.duplicates(),
                    count(c, "SELECT COUNT(*) FROM " + eventTable),
                    count(c, "SELECT COUNT(*) FROM " + eventTable + " WHERE transition_valid = FALSE"),
                    count(c, "SELECT COUNT(*) FROM " + eventTable + " WHERE event_type NOT IN ('UPDATE_PROFILE', 'FEDERATED_IDENTITY_LINK')"),
                    rejects);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public long storedRows() {
        return storedRows;
    }

    public void print(PrintStream out) {
        out.println("ID.me status change events");
        out.printf("  %-48s %,9d%n", "Events received from upstream", received);
        out.printf("  %-48s %,9d%n", "Stored in idme_status_event", storedRows);
        out.printf("  %-48s %,9d%n", "  of which undocumented status transitions", undocumentedRows);
        out.printf("  %-48s %,9d%n", "  of which undocumented event types", unknownTypeRows);
        out.printf("  %-48s %,9d%n", "Duplicates skipped (redelivered, already stored)", duplicates);
        long rejected = rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
        out.printf("  %-48s %,9d%n", "Rejected to sisbridge_reject", rejected);
        rejectsByReason.forEach((code, n) -> {
            String meaning = meaning(code);
            out.printf("    %-46s %,9d  %s%n", code, n, meaning);
        });
        if (undocumentedRows > 0) {
            out.println("  Undocumented transitions are stored with transition_valid = FALSE for staff to review;");
            out.println("  the table of valid transitions is sisbridge.transitions.valid in config/application.properties.");
        }
    }

    private static String meaning(String code) {
        try {
            return RejectReason.valueOf(code).meaning();
        } catch (IllegalArgumentException unknown) {
            return "";
        }
    }
}
