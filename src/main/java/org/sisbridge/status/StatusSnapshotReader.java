package org.sisbridge.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sisbridge.reconcile.ReconcileConflict;
import org.sisbridge.reconcile.ReconcileOutcome;
import org.sisbridge.reconcile.ReconcileRunner;
import org.sisbridge.reconcile.ReconcileTable;
import org.sisbridge.roster.RosterFileLoader;
import org.sisbridge.roster.RosterFileTable;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * Reads a {@link StatusSnapshot} from the staging database, through the college's mapping (the
 * roster and report tables may have the college's own names, and its own spelling of a status).
 * Read-only, a handful of small aggregate queries; each part that cannot be read is named in the
 * snapshot instead of failing the whole view.
 */
public class StatusSnapshotReader {

    private static final List<String> STUDENT_STATUSES = List.of("PENDING", "SENT", "DONE", "REJECTED", "ERROR");
    private static final List<String> BATCH_STATUSES = List.of("OPEN", "SUBMITTED", "COMPLETE", "FAILED");
    private static final List<String> OUTCOMES = List.of("CREATED", "EXISTING", "REJECTED");
    private static final List<String> WRITE_BACK_STATES = List.of("PENDING", "DONE", "FAILED");

    private final DataSource dataSource;
    private final StagingMapping mapping;
    private final StagingDialect dialect;
    private final Clock clock;
    private final int latest;
    private final int rosterNoteDays;

    /**
     * @param latest         how many of the latest reports, roster batches and rejects to list
     * @param rosterNoteDays how many days back the roster batches to look at are counted and listed (the notes stay in
     *                       cccid_batch; a tile that only grows would soon be read as noise)
     */
    public StatusSnapshotReader(DataSource dataSource, StagingMapping mapping, StagingDialect dialect, Clock clock, int latest,
                                int rosterNoteDays) {
        this.rosterNoteDays = rosterNoteDays;
        this.dataSource = dataSource;
        this.mapping = mapping;
        this.dialect = dialect;
        this.clock = clock;
        this.latest = latest;
    }

    public StatusSnapshot read() {
        List<String> unreadable = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<StatusSnapshot.FlowRun> flows = part(unreadable, "flow runs", List.of(), () -> flows(c));
            return new StatusSnapshot(clock.instant(), flows,
                    part(unreadable, "checkpoints", List.of(), () -> checkpoints(c)),
                    part(unreadable, "report loads", List.of(), () -> reports(c)),
                    part(unreadable, "roster students", Map.of(), () -> countBy(c, "cccid_request", "status", STUDENT_STATUSES)),
                    part(unreadable, "roster results", Map.of(), () -> countBy(c, "cccid_result", "outcome", OUTCOMES)),
                    part(unreadable, "roster batches", List.of(), () -> batches(c)),
                    part(unreadable, "roster batches to look at", StatusSnapshot.RosterBatchesToLookAt.NONE,
                            () -> batchesToLookAt(c)),
                    part(unreadable, "roster files", List.of(), () -> rosterFiles(c)),
                    part(unreadable, "roster write-backs", Map.of(), () -> writeBacks(c)),
                    part(unreadable, "latest write-back error", null, () -> latestWriteBackError(c)),
                    part(unreadable, "reject counts", List.of(), () -> rejectCounts(c)),
                    part(unreadable, "latest rejects", List.of(), () -> latestRejects(c)),
                    part(unreadable, "reconciliations", List.of(), () -> reconciliations(c, flows)),
                    part(unreadable, "reconciliation conflicts", List.of(), () -> reconcileConflicts(c)),
                    unreadable);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the staging database: " + e.getMessage(), e);
        }
    }

    private List<StatusSnapshot.FlowRun> flows(Connection c) throws SQLException {
        TableMapping t = mapping.table("sisbridge_flow_run");
        List<StatusSnapshot.FlowRun> flows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT flow, scope, last_success_at, received, stored, duplicates,"
                + " rejected, last_failure_at, last_failure FROM " + t.table() + " ORDER BY flow, scope");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant success = instant(rs.getTimestamp(3));
                BatchCounts counts = success == null ? null
                        : new BatchCounts(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
                flows.add(new StatusSnapshot.FlowRun(rs.getString(1), rs.getString(2), success, counts,
                        instant(rs.getTimestamp(8)), rs.getString(9)));
            }
        }
        return flows;
    }

    private List<StatusSnapshot.Checkpoint> checkpoints(Connection c) throws SQLException {
        List<StatusSnapshot.Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT flow, scope, cursor_value, updated_at FROM "
                + mapping.table("sisbridge_checkpoint").table() + " ORDER BY flow, scope");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                checkpoints.add(new StatusSnapshot.Checkpoint(rs.getString(1), rs.getString(2), rs.getString(3),
                        instant(rs.getTimestamp(4))));
            }
        }
        return checkpoints;
    }

    private List<StatusSnapshot.ReportLoad> reports(Connection c) throws SQLException {
        TableMapping t = mapping.table("sisbridge_report_load");
        String sql = dialect.limit("SELECT " + cols(t, "report_id", "source", "mis_code", "period", "rows_loaded",
                "rows_rejected", "loaded_at") + " FROM " + t.table() + " ORDER BY " + t.column("loaded_at") + " DESC", latest);
        List<StatusSnapshot.ReportLoad> reports = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reports.add(new StatusSnapshot.ReportLoad(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), instant(t.readTimestamp("loaded_at", rs, 7))));
            }
        }
        return reports;
    }

    private List<StatusSnapshot.RosterBatch> batches(Connection c) throws SQLException {
        return batches(c, "");
    }

    /**
     * The batches with a note updated in the last {@link #rosterNoteDays} days, how many and the latest: what happened
     * beyond a plain settlement (see the record). The window is applied to the times as read back, not in SQL: a
     * college's layout may keep updated_at as text in a format of its own, and noted batches are few.
     */
    private StatusSnapshot.RosterBatchesToLookAt batchesToLookAt(Connection c) throws SQLException {
        TableMapping t = mapping.table("cccid_batch");
        String noted = " WHERE " + t.column("last_error") + " IS NOT NULL";
        Instant since = clock.instant().minus(java.time.Duration.ofDays(rosterNoteDays));
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.column("updated_at") + " FROM " + t.table() + noted);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant updated = instant(t.readTimestamp("updated_at", rs, 1));
                if (updated != null && !updated.isBefore(since)) {
                    total++;
                }
            }
        }
        List<StatusSnapshot.RosterBatch> latestNoted = total == 0 ? List.of() : batches(c, noted).stream()
                .filter(b -> b.updatedAt() != null && !b.updatedAt().isBefore(since)).toList();
        return new StatusSnapshot.RosterBatchesToLookAt(total, latestNoted, rosterNoteDays);
    }

    private List<StatusSnapshot.RosterBatch> batches(Connection c, String where) throws SQLException {
        TableMapping t = mapping.table("cccid_batch");
        String sql = dialect.limit("SELECT " + cols(t, "batch_id", "mis_code", "status", "job_id", "student_count",
                "attempts", "last_error", "updated_at") + " FROM " + t.table() + where + " ORDER BY " + t.column("updated_at")
                + " DESC", latest);
        List<StatusSnapshot.RosterBatch> batches = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                batches.add(new StatusSnapshot.RosterBatch(rs.getString(1), rs.getString(2),
                        canonical(t, "status", rs.getString(3), BATCH_STATUSES), rs.getString(4), rs.getLong(5), rs.getInt(6),
                        rs.getString(7), instant(t.readTimestamp("updated_at", rs, 8))));
            }
        }
        return batches;
    }

    private List<StatusSnapshot.RosterFile> rosterFiles(Connection c) throws SQLException {
        TableMapping t = mapping.table("cccid_roster_file");
        String sql = dialect.limit("SELECT " + cols(t, "source", "encoding", "row_count", "unreadable_lines", "loaded_at")
                + " FROM " + t.table() + " ORDER BY " + t.column("loaded_at") + " DESC", latest);
        List<StatusSnapshot.RosterFile> files = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                files.add(new StatusSnapshot.RosterFile(RosterFileTable.shortSha256(rs.getString(1)), rs.getString(2),
                        rs.getLong(3), rs.getLong(4),
                        instant(rs.getTimestamp(5))));
            }
        }
        return files;
    }

    /** Results per write-back state; results not written back (NULL: write-back off, a REJECTED outcome) are not counted. */
    private Map<String, Long> writeBacks(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>(countBy(c, "cccid_result", "write_back_status", WRITE_BACK_STATES));
        counts.remove(UnknownOutboxStatuses.NONE);
        return counts;
    }

    private StatusSnapshot.WriteBackError latestWriteBackError(Connection c) throws SQLException {
        TableMapping t = mapping.table("cccid_result");
        String state = t.column("write_back_status");
        String sql = dialect.limit("SELECT " + cols(t, "request_id", "mis_code", "write_back_status", "write_back_attempts",
                "write_back_error", "write_back_at") + " FROM " + t.table() + " WHERE " + t.column("write_back_error")
                + " IS NOT NULL AND " + state + " IN (?, ?) ORDER BY " + t.column("write_back_at") + " DESC", 1);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, t.value("write_back_status", "PENDING"));
            ps.setObject(2, t.value("write_back_status", "FAILED"));
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() ? null : new StatusSnapshot.WriteBackError(rs.getLong(1), rs.getString(2),
                        canonical(t, "write_back_status", rs.getString(3), WRITE_BACK_STATES), rs.getInt(4), rs.getString(5),
                        instant(t.readTimestamp("write_back_at", rs, 6)));
            }
        }
    }

    /** Rows per value of one column, with the college's spelling of each value turned back into the agent's. */
    private Map<String, Long> countBy(Connection c, String canonicalTable, String field, List<String> constants)
            throws SQLException {
        TableMapping t = mapping.table(canonicalTable);
        String column = t.column(field);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + ", COUNT(*) FROM " + t.table()
                + " GROUP BY " + column + " ORDER BY " + column);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // a NULL (an outbox row the SIS wrote without a status) is counted, not dropped: JSON keys cannot be null
                String read = rs.getString(1);
                counts.merge(read == null ? UnknownOutboxStatuses.NONE : canonical(t, field, read, constants), rs.getLong(2), Long::sum);
            }
        }
        return counts;
    }

    private List<StatusSnapshot.RejectCount> rejectCounts(Connection c) throws SQLException {
        List<StatusSnapshot.RejectCount> counts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT source, reason_code, COUNT(*) FROM "
                + mapping.table("sisbridge_reject").table() + " GROUP BY source, reason_code ORDER BY source, reason_code");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.add(new StatusSnapshot.RejectCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return counts;
    }

    private List<StatusSnapshot.RejectSummary> latestRejects(Connection c) throws SQLException {
        String sql = dialect.limit("SELECT reject_id, source, reason_code, reason, record_key, source_ref, line_number,"
                + " rejected_at FROM " + mapping.table("sisbridge_reject").table() + " ORDER BY reject_id DESC", latest);
        List<StatusSnapshot.RejectSummary> rejects = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long line = rs.getLong(7);
                Long lineNumber = rs.wasNull() ? null : line;
                rejects.add(new StatusSnapshot.RejectSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), sourceRef(rs.getString(2), rs.getString(5), rs.getString(6)), lineNumber,
                        instant(rs.getTimestamp(8))));
            }
        }
        return rejects;
    }

    /**
     * Where a reject came from as the snapshot shows it: a roster file by its sha256 prefix (the first part of the
     * reject's key), never by its name, which staff may have made of a student's (the name is on the staff pages).
     */
    private static String sourceRef(String source, String recordKey, String sourceRef) {
        if (!RosterFileLoader.REJECT_SOURCE.equals(source)) {
            return sourceRef;
        }
        int colon = recordKey == null ? -1 : recordKey.lastIndexOf(':');
        return colon < 0 ? "roster file" : "roster file sha256:" + recordKey.substring(0, colon);
    }

    /**
     * Whether the reconciliation tables exist. A college that keeps the schema itself
     * (manage-schema=false) and never turned reconciliation on need not create them: then there is
     * simply nothing to show, not a part of the page that cannot be read.
     */
    private static boolean reconciliationSetUp(Connection c) throws SQLException {
        java.sql.DatabaseMetaData meta = c.getMetaData();
        for (String name : List.of("sisbridge_reconcile_run", "SISBRIDGE_RECONCILE_RUN")) {
            try (java.sql.ResultSet tables = meta.getTables(c.getCatalog(), null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Per college: the latest complete run's counts, and the state of a run begun after it (see the record). */
    private List<StatusSnapshot.Reconciliation> reconciliations(Connection c, List<StatusSnapshot.FlowRun> flows)
            throws SQLException {
        if (!reconciliationSetUp(c)) {
            return List.of();
        }
        Map<String, ReconcileTable.Run> complete = new LinkedHashMap<>();
        Map<String, ReconcileTable.Run> open = new LinkedHashMap<>();
        for (ReconcileTable.Run run : ReconcileTable.currentRuns(c)) {
            (ReconcileTable.RUNNING.equals(run.status()) ? open : complete).putIfAbsent(run.misCode(), run);
        }
        java.util.Set<String> misCodes = new java.util.TreeSet<>(complete.keySet());
        misCodes.addAll(open.keySet());
        List<StatusSnapshot.Reconciliation> reconciliations = new ArrayList<>();
        for (String misCode : misCodes) {
            ReconcileTable.Run done = complete.get(misCode);
            ReconcileTable.Run running = open.get(misCode);
            long checked = running == null ? 0 : ReconcileTable.counts(c, running.runId()).values().stream().mapToLong(Long::longValue).sum();
            StatusSnapshot.FlowRun flow = flows.stream().filter(f -> ReconcileRunner.FLOW.equals(f.flow()) && misCode.equals(f.scope()))
                    .findFirst().orElse(null);
            boolean stopped = running != null && flow != null && flow.failing() && !flow.lastFailureAt().isBefore(running.startedAt());
            reconciliations.add(new StatusSnapshot.Reconciliation(misCode,
                    stopped ? "STOPPED" : running != null ? "RUNNING" : "COMPLETE",
                    done == null ? null : done.runId(), done == null ? null : done.finishedAt(), done == null ? 0 : done.students(),
                    done == null ? Map.of() : byName(ReconcileTable.counts(c, done.runId())),
                    running == null ? null : running.runId(), running == null ? null : running.startedAt(), checked,
                    stopped ? flow.lastFailure() : null));
        }
        return reconciliations;
    }

    /** The first conflicts (by college, then local id) of each college's latest complete run, {@code latest} at most. */
    private List<ReconcileConflict> reconcileConflicts(Connection c) throws SQLException {
        List<ReconcileConflict> conflicts = new ArrayList<>();
        if (!reconciliationSetUp(c)) {
            return conflicts;
        }
        try {
            for (String runId : ReconcileTable.latestCompleteRuns(c)) {
                if (conflicts.size() < latest) {
                    ReconcileTable.conflicts(c, runId, latest - conflicts.size(), dialect, conflicts::add);
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return conflicts;
    }

    private static Map<String, Long> byName(Map<ReconcileOutcome, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((outcome, n) -> named.put(outcome.name(), n));
        return named;
    }

    private static String cols(TableMapping t, String... fields) {
        List<String> columns = new ArrayList<>();
        for (String field : fields) {
            columns.add(t.column(field));
        }
        return String.join(", ", columns);
    }

    private static String canonical(TableMapping t, String field, String read, List<String> constants) {
        for (String constant : constants) {
            if (String.valueOf(t.value(field, constant)).equals(read)) {
                return constant;
            }
        }
        return read;
    }

    /** The agent writes UTC wall-clock times (see FlowRunStore, RejectWriter). */
    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : instant(timestamp.toLocalDateTime());
    }

    private static Instant instant(java.time.LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    private static <T> T part(List<String> unreadable, String what, T empty, Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            unreadable.add(what + ": " + e.getMessage());
            return empty;
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }
}
