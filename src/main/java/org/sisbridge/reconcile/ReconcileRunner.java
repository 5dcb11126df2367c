package org.sisbridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.sisbridge.dictionary.CccidFormat;
import org.sisbridge.roster.BulkAccountJson;
import org.sisbridge.roster.BulkJobStatus;
import org.sisbridge.roster.RosterStudent;
import org.sisbridge.roster.RosterTransaction;
import org.sisbridge.roster.StudentResult;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.BatchCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation of one college: the reconcile query's students, read in pages and sent in batches of
 * sisbridge.reconcile.batch-size, each sent in mode match-only (upstream creates nothing), its job polled,
 * and one outcome per student recorded in cccid_reconcile. Never touches the roster outbox.
 *
 * <p>A run that stops (an upstream failure, a job still running when the poll budget ran out, a
 * shutdown) stays RUNNING and is resumed by the next one under the same run id: the students already
 * recorded are left out, and a batch whose students are the same gets the same batch id (derived from
 * the run and its local ids), so upstream answers it from the job it already has.
 */
public class ReconcileRunner {

    public static final String FLOW = "reconcile";
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileRunner.class);
    private static final int MAX_LOCAL_ID = 64;
    private static final int MAX_REASON = 1000;

    private final DataSource dataSource;
    private final ReconcileQuery query;
    private final ReconcileTable table = new ReconcileTable();
    private final BulkAccountJson json;
    private final ReconcileUpstream upstream;
    private final FlowActivity activity;
    private final Clock clock;
    private final int batchSize;
    private final long maxStudentsPerRun;
    private final BooleanSupplier stopping;
    private final ObjectMapper errors = new ObjectMapper();

    /** @param query null when sisbridge.reconcile.sql is not set: a run then says so and does nothing */
    public ReconcileRunner(DataSource dataSource, ReconcileQuery query, BulkAccountJson json, ReconcileUpstream upstream,
                           FlowActivity activity, Clock clock, int batchSize, long maxStudentsPerRun, BooleanSupplier stopping) {
        this.dataSource = dataSource;
        this.query = query;
        this.json = json;
        this.upstream = upstream;
        this.activity = activity;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxStudentsPerRun = maxStudentsPerRun;
        this.stopping = stopping;
    }

    /** What one call did: the run, whether it finished, and its outcome counts so far. */
    /** @param capped this call sent sisbridge.reconcile.max-students-per-run students and left the rest to the next one */
    public record Summary(String runId, boolean complete, boolean capped, long students, long skipped,
                          Map<ReconcileOutcome, Long> counts) {
    }

    public Summary run(String misCode) throws Exception {
        if (query == null) {
            LOG.warn("Reconciliation for MIS {} not run: sisbridge.reconcile.sql is not set", misCode);
            return new Summary(null, false, false, 0, 0, Map.of());
        }
        String runId = transaction(c -> table.startOrResume(c, misCode, now()));
        Progress progress = new Progress(runId, misCode);
        query.stream(dataSource, misCode, progress::add);
        if (!progress.stopped && !progress.batch.isEmpty()) {
            progress.stopped = !send(progress);
        }
        if (progress.stopped) {
            LOG.info("Reconciliation {} for MIS {} stopped after {} student(s); the next run resumes it", runId, misCode,
                    progress.students);
            return new Summary(runId, false, false, progress.students, progress.skipped, counts(runId));
        }
        if (progress.capped) {
            // left RUNNING: the next run skips the students recorded so far and goes on from there, not from the top
            LOG.info("Reconciliation {} for MIS {} checked {} student(s) in this run, sisbridge.reconcile.max-students-per-run;"
                    + " the next run continues after them", runId, misCode, progress.sent);
            return new Summary(runId, false, true, progress.students, progress.skipped, counts(runId));
        }
        long students = progress.students;
        int shared = transaction(c -> {
            int marked = table.markShared(c, runId, misCode);
            table.finish(c, runId, students, now());
            return marked;
        });
        Map<ReconcileOutcome, Long> counts = counts(runId);
        long conflicts = ReconcileOutcome.CONFLICTS.stream().mapToLong(counts::get).sum();
        LOG.info("Reconciliation {} for MIS {} complete: {} student(s) checked{}, outcomes {} ({} marked SHARED_CCCID at the end)",
                runId, misCode, students, progress.skipped > 0 ? ", " + progress.skipped + " row(s) without a usable local_id skipped" : "", counts, shared);
        activity.success(FLOW, misCode, new BatchCounts(students, students - conflicts - counts.get(ReconcileOutcome.REJECTED),
                0, counts.get(ReconcileOutcome.REJECTED)));
        return new Summary(runId, true, false, students, progress.skipped, counts);
    }

    /** The students of the run so far and the batch being filled. */
    private final class Progress {
        final String runId;
        final String misCode;
        final Map<String, SisStudent> batch = new LinkedHashMap<>();
        long students;
        long skipped;
        long sent;
        boolean stopped;
        boolean capped;

        Progress(String runId, String misCode) {
            this.runId = runId;
            this.misCode = misCode;
        }

        boolean add(SisStudent s) throws Exception {
            if (stopping.getAsBoolean()) {
                stopped = true;
                return false;
            }
            String localId = s.localId();
            if (localId == null || localId.isEmpty() || localId.codePointCount(0, localId.length()) > MAX_LOCAL_ID) {
                skipped++;
                return true;
            }
            if (batch.containsKey(localId)) {
                return true; // the query gave the student twice (a join): the first row counts
            }
            // the cap counts the students sent in this call, not those a resumed run already recorded
            if (sent >= maxStudentsPerRun) {
                capped = true;
                return false;
            }
            students++;
            batch.put(localId, s);
            if (batch.size() >= batchSize && !send(this)) {
                stopped = true;
                return false;
            }
            return true;
        }
    }

    /** Sends the batch's students not yet recorded in this run, and records their outcomes. */
    private boolean send(Progress p) throws Exception {
        List<SisStudent> students = new ArrayList<>(p.batch.values());
        p.batch.clear();
        var recorded = transaction(c -> table.recorded(c, p.runId, p.misCode, students.stream().map(SisStudent::localId).toList()));
        students.removeIf(s -> recorded.contains(s.localId()));
        if (students.isEmpty()) {
            return true;
        }
        p.sent += students.size();
        String batchId = batchId(p.runId, students);
        List<RosterStudent> wire = students.stream().map(SisStudent::wire).toList();
        String jobId = upstream.submit(p.misCode, batchId,
                json.matchOnlyBody(batchId, wire, students.stream().map(SisStudent::cccId).toList()));
        if (jobId == null) {
            return false;
        }
        BulkJobStatus job = upstream.await(p.misCode, batchId, jobId);
        if (job == null) {
            return false;
        }
        if (!"COMPLETE".equals(job.status())) {
            String message = "reconcile batch " + batchId + " (job " + jobId + ") FAILED upstream: " + job.error();
            LOG.error("Reconciliation {} for MIS {} stopped: {}. The next run sends the batch again.", p.runId, p.misCode, message);
            activity.failure(FLOW, p.misCode, message);
            return false;
        }
        List<ReconcileRow> rows = decide(students, job.results());
        transaction(c -> {
            table.insert(c, p.runId, p.misCode, batchId, rows, now());
            return null;
        });
        return true;
    }

    private List<ReconcileRow> decide(List<SisStudent> students, List<StudentResult> results) {
        Map<String, StudentResult> byLocalId = new LinkedHashMap<>();
        for (StudentResult r : results) {
            if (r.localId() != null) {
                byLocalId.putIfAbsent(r.localId(), r);
            }
        }
        List<ReconcileRow> rows = new ArrayList<>(students.size());
        for (SisStudent s : students) {
            String sis = s.cccId() == null || s.cccId().isEmpty() ? null : truncate(s.cccId(), MAX_LOCAL_ID);
            StudentResult r = byLocalId.get(s.localId());
            if (r == null) {
                rows.add(new ReconcileRow(s.localId(), sis, null, ReconcileOutcome.REJECTED, null,
                        "upstream's job carried no result for this student"));
            } else if ("NOT_FOUND".equals(r.outcome())) {
                rows.add(new ReconcileRow(s.localId(), sis, null, ReconcileOutcome.UNKNOWN_UPSTREAM, null,
                        "upstream knows no such person"));
            } else if ("MATCHED".equals(r.outcome()) && CccidFormat.isValid(r.cccid())) {
                String matchedOn = truncate(String.join(",", r.matchedOn()), 200);
                boolean agree = r.cccid().equalsIgnoreCase(sis == null ? "" : sis.strip());
                rows.add(new ReconcileRow(s.localId(), sis, r.cccid(), agree ? ReconcileOutcome.AGREE : ReconcileOutcome.DIFFERS,
                        matchedOn, agree ? null : sis == null ? "the SIS has no CCCID for this student" : "upstream matched another CCCID"));
            } else if ("REJECTED".equals(r.outcome())) {
                rows.add(new ReconcileRow(s.localId(), sis, null, ReconcileOutcome.REJECTED, null, rejection(r.errorsJson())));
            } else {
                // an outcome or a CCCID a match job cannot give: described by kind, never quoted (upstream text is not trusted)
                rows.add(new ReconcileRow(s.localId(), sis, null, ReconcileOutcome.REJECTED, null,
                        "upstream's result is not usable (outcome of " + length(r.outcome()) + " characters, CCCID "
                                + (r.cccid() == null ? "missing" : "not of the CCCID form") + ")"));
            }
        }
        return rows;
    }

    /** "upstream refused: field code, ..." from the errors upstream sent; their messages are left out (they may quote values). */
    private String rejection(String errorsJson) {
        List<String> parts = new ArrayList<>();
        try {
            for (JsonNode e : errors.readTree(errorsJson == null ? "[]" : errorsJson)) {
                parts.add(plain(e.path("field").asText("?")) + " " + plain(e.path("code").asText("?")));
            }
        } catch (java.io.IOException e) {
            parts.add("(errors unreadable)");
        }
        return truncate("upstream refused the student's fields: " + String.join(", ", parts), MAX_REASON);
    }

    private static String plain(String value) {
        return truncate(value.replaceAll("[^A-Za-z0-9_.-]", "?"), 60);
    }

    /** Derived from the run and the batch's local ids: the same students in the same run get the same Idempotency-Key. */
    static String batchId(String runId, List<SisStudent> students) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(runId.getBytes(StandardCharsets.UTF_8));
            for (SisStudent s : students) {
                sha.update((byte) '\n');
                sha.update(s.localId().getBytes(StandardCharsets.UTF_8));
            }
            return "rc-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<ReconcileOutcome, Long> counts(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ReconcileTable.counts(c, runId);
        }
    }

    private <T> T transaction(RosterTransaction.Work<T> work) throws SQLException {
        return RosterTransaction.run(dataSource, work);
    }

    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(clock));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }
}
