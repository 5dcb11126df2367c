package org.sisbridge.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.staging.dialect.StagingDialect;

/**
 * sisbridge_reconcile_run and cccid_reconcile (migration V9). A run moves RUNNING to COMPLETE only by
 * compare-and-set; its rows are keyed (run_id, mis_code, local_id), so a resumed run never writes a
 * student twice.
 */
public final class ReconcileTable {

    static final String RUNS = "sisbridge_reconcile_run";
    static final String ROWS = "cccid_reconcile";
    public static final String RUNNING = "RUNNING";
    private static final String CONFLICTS_IN = "('DIFFERS', 'SHARED_CCCID', 'UNKNOWN_UPSTREAM')";

    /** The college's run left RUNNING (by a crash, a failure, the poll budget), or a new one. */
    String startOrResume(Connection c, String misCode, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM " + RUNS + " WHERE mis_code = ? AND status = 'RUNNING'"
                + " ORDER BY started_at")) {
            ps.setString(1, misCode);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        String runId = "rc-" + misCode + "-" + now.toLocalDateTime().toString().replaceAll("[^0-9]", "");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + RUNS + " (run_id, mis_code, status, students, started_at,"
                + " updated_at) VALUES (?, ?, 'RUNNING', 0, ?, ?)")) {
            ps.setString(1, runId);
            ps.setString(2, misCode);
            ps.setTimestamp(3, now);
            ps.setTimestamp(4, now);
            ps.executeUpdate();
        }
        return runId;
    }

    /** Which of these local ids already have their outcome in this run. */
    Set<String> recorded(Connection c, String runId, String misCode, Collection<String> localIds) throws SQLException {
        Set<String> found = new HashSet<>();
        if (localIds.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(localIds.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT local_id FROM " + ROWS + " WHERE run_id = ? AND mis_code = ?"
                + " AND local_id IN (" + marks + ")")) {
            ps.setString(1, runId);
            ps.setString(2, misCode);
            int i = 3;
            for (String id : localIds) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    void insert(Connection c, String runId, String misCode, String batchId, List<ReconcileRow> rows, Timestamp now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ROWS + " (run_id, mis_code, local_id, sis_ccc_id,"
                + " upstream_ccc_id, outcome, matched_on, reason, batch_id, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ReconcileRow r : rows) {
                ps.setString(1, runId);
                ps.setString(2, misCode);
                ps.setString(3, r.localId());
                ps.setString(4, r.sisCccId());
                ps.setString(5, r.upstreamCccId());
                ps.setString(6, r.outcome().name());
                ps.setString(7, r.matchedOn());
                ps.setString(8, r.reason());
                ps.setString(9, batchId);
                ps.setTimestamp(10, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Once every batch is in: the students of this run whose CCCID another local id of the run also has,
     * in the SIS (the query gave one ccc_id to two local ids) or in upstream's matches (upstream matched
     * two local ids to one account), become SHARED_CCCID. Only the shared values are held in memory.
     * @return the students marked
     */
    int markShared(Connection c, String runId, String misCode) throws SQLException {
        int marked = 0;
        marked += markShared(c, runId, misCode, "sis_ccc_id", "another local id of this run has the same CCCID in the SIS");
        marked += markShared(c, runId, misCode, "upstream_ccc_id", "upstream matched another local id of this run to the same CCCID");
        return marked;
    }

    private int markShared(Connection c, String runId, String misCode, String column, String reason) throws SQLException {
        List<String> shared = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + ROWS + " WHERE run_id = ? AND mis_code = ?"
                + " AND " + column + " IS NOT NULL GROUP BY " + column + " HAVING COUNT(*) > 1")) {
            ps.setString(1, runId);
            ps.setString(2, misCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shared.add(rs.getString(1));
                }
            }
        }
        int marked = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + ROWS + " SET outcome = 'SHARED_CCCID', reason = ? WHERE run_id = ?"
                + " AND mis_code = ? AND " + column + " = ? AND outcome <> 'SHARED_CCCID'")) {
            for (String cccid : shared) {
                ps.setString(1, reason);
                ps.setString(2, runId);
                ps.setString(3, misCode);
                ps.setString(4, cccid);
                marked += ps.executeUpdate();
            }
        }
        return marked;
    }

    /** RUNNING to COMPLETE, by compare-and-set: a run another agent finished is not finished twice. */
    void finish(Connection c, String runId, long students, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + RUNS + " SET status = 'COMPLETE', students = ?, finished_at = ?,"
                + " updated_at = ? WHERE run_id = ? AND status = 'RUNNING'")) {
            ps.setLong(1, students);
            ps.setTimestamp(2, now);
            ps.setTimestamp(3, now);
            ps.setString(4, runId);
            if (ps.executeUpdate() != 1) {
                throw new ProgressMarkerMovedException("reconcile run " + runId + " is no longer RUNNING");
            }
        }
    }

    /** The outcomes of one run, every outcome present (0 where none). */
    public static Map<ReconcileOutcome, Long> counts(Connection c, String runId) throws SQLException {
        Map<ReconcileOutcome, Long> counts = new EnumMap<>(ReconcileOutcome.class);
        for (ReconcileOutcome o : ReconcileOutcome.values()) {
            counts.put(o, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome, COUNT(*) FROM " + ROWS + " WHERE run_id = ? GROUP BY outcome")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(ReconcileOutcome.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** The latest COMPLETE run of each college (the one the status page and the CSV show). */
    public static List<String> latestCompleteRuns(Connection c) throws SQLException {
        List<String> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.run_id FROM " + RUNS + " r WHERE r.status = 'COMPLETE' AND"
                + " r.finished_at = (SELECT MAX(l.finished_at) FROM " + RUNS + " l WHERE l.mis_code = r.mis_code AND l.status = 'COMPLETE')"
                + " ORDER BY r.mis_code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(rs.getString(1));
            }
        }
        return runs;
    }

    /** A run as the status view shows it: identifiers, state and times only. */
    public record Run(String runId, String misCode, String status, long students, Instant startedAt, Instant finishedAt) {
    }

    /** Each college's latest COMPLETE run and any run still RUNNING (begun after it, or stopped and not yet resumed). */
    public static List<Run> currentRuns(Connection c) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.run_id, r.mis_code, r.status, r.students, r.started_at, r.finished_at"
                + " FROM " + RUNS + " r WHERE r.status = 'RUNNING' OR (r.status = 'COMPLETE' AND r.finished_at = (SELECT"
                + " MAX(l.finished_at) FROM " + RUNS + " l WHERE l.mis_code = r.mis_code AND l.status = 'COMPLETE'))"
                + " ORDER BY r.mis_code, r.started_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), utc(rs.getTimestamp(5)),
                        utc(rs.getTimestamp(6))));
            }
        }
        return runs;
    }

    /** The run's status, or empty for an unknown run. */
    public static Optional<String> status(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM " + RUNS + " WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Reads the conflicts of one run, ordered by local id, one by one (the CSV streams them). */
    public static void conflicts(Connection c, String runId, int limit, StagingDialect dialect,
                                 ConflictSink sink) throws Exception {
        String select = "SELECT mis_code, local_id, sis_ccc_id, upstream_ccc_id, outcome, matched_on, reason, checked_at FROM " + ROWS
                + " WHERE run_id = ? AND outcome IN " + CONFLICTS_IN + " ORDER BY local_id";
        try (PreparedStatement ps = c.prepareStatement(limit > 0 ? dialect.limit(select, limit) : select)) {
            ps.setFetchSize(500);
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new ReconcileConflict(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), utc(rs.getTimestamp(8))));
                }
            }
        }
    }

    /** The agent writes UTC wall-clock times. */
    private static Instant utc(Timestamp at) {
        return at == null ? null : at.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    @FunctionalInterface
    public interface ConflictSink {
        void accept(ReconcileConflict conflict) throws Exception;
    }
}
