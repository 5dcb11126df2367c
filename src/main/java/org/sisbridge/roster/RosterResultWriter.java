package org.sisbridge.roster;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.roster.CccidRequestTable.Settlement;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.watch.FlowMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a finished job in one transaction. COMPLETE: one cccid_result row per student, the
 * outbox rows DONE (CREATED / EXISTING) or REJECTED (field errors), the batch COMPLETE. FAILED:
 * the students go back to PENDING for a new batch (attempts + 1), or to ERROR after max-attempts.
 * A student whose result cannot be stored (see {@link BulkResultCheck}) goes to ERROR alone.
 * A batch already settled is left alone, so applying the same answer twice changes nothing.
 */
public class RosterResultWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RosterResultWriter.class);
    /** The flow name the routes and the status view use. */
    public static final String FLOW = "roster-push";

    private final DataSource dataSource;
    private final CccidRequestTable requests;
    private final CccidBatchTable batches;
    private final CccidResultTable results;
    private final int maxAttempts;
    private final FlowMetrics metrics;
    private final Clock clock;
    private final FlowActivity activity;
    private final SisWriteBack writeBack;

    /** Without write-back: the college's own jobs read the results table. */
    public RosterResultWriter(DataSource dataSource, CccidRequestTable requests, CccidBatchTable batches,
                              CccidResultTable results, int maxAttempts, FlowMetrics metrics, Clock clock,
                              FlowActivity activity) {
        this(dataSource, requests, batches, results, maxAttempts, metrics, clock, activity, SisWriteBack.off());
    }

    /** @param writeBack run for each CREATED / EXISTING result in the transaction that records it */
    public RosterResultWriter(DataSource dataSource, CccidRequestTable requests, CccidBatchTable batches,
                              CccidResultTable results, int maxAttempts, FlowMetrics metrics, Clock clock,
                              FlowActivity activity, SisWriteBack writeBack) {
        this.writeBack = writeBack;
        this.dataSource = dataSource;
        this.requests = requests;
        this.batches = batches;
        this.results = results;
        this.maxAttempts = maxAttempts;
        this.metrics = metrics;
        this.clock = clock;
        this.activity = activity;
    }

    public BatchOutcome settle(OpenBatch batch, BulkJobStatus job) throws SQLException {
        long started = System.nanoTime();
        BatchOutcome outcome = "COMPLETE".equals(job.status()) ? complete(batch, job) : failed(batch, job);
        if (outcome != BatchOutcome.ALREADY_SETTLED) {
            record(outcome, System.nanoTime() - started);
        }
        LOG.info("Roster batch {} (job {}) for MIS {} settled: {}", batch.batchId(), batch.jobId(), batch.misCode(), outcome);
        if ("COMPLETE".equals(outcome.status())) {
            activity.success(FLOW, batch.misCode(), new BatchCounts(outcome.created() + outcome.existing() + outcome.rejected()
                    + outcome.missing() + outcome.errors(), outcome.created(), outcome.existing(),
                    outcome.rejected() + outcome.errors()));
        } else if ("FAILED".equals(outcome.status())) {
            activity.failure(FLOW, batch.misCode(), "batch " + batch.batchId() + ": upstream job " + batch.jobId() + " FAILED");
        }
        return outcome;
    }

    private BatchOutcome complete(OpenBatch batch, BulkJobStatus job) throws SQLException {
        Map<String, StudentResult> byLocalId = new HashMap<>();
        job.results().forEach(r -> byLocalId.put(r.localId(), r));
        Settled settlement = RosterTransaction.run(dataSource, c -> {
            Timestamp now = now();
            if (!batches.close(c, batch.batchId(), batch.jobId(), "COMPLETE", null, now)) {
                return new Settled(BatchOutcome.ALREADY_SETTLED, () -> { });
            }
            List<CccidResultTable.Row> rows = new ArrayList<>();
            List<Settlement> settled = new ArrayList<>();
            int created = 0;
            int existing = 0;
            int rejected = 0;
            int missing = 0;
            int errors = 0;
            WriteBackFailures writeBackFailures = new WriteBackFailures();
            Map<String, StudentResult> unanswered = new HashMap<>(byLocalId);
            for (RosterStudent s : requests.ofBatch(c, batch.batchId())) {
                StudentResult r = byLocalId.get(UnicodeSpace.strip(s.localId()));
                unanswered.remove(UnicodeSpace.strip(s.localId()));
                if (r == null) {
                    // upstream did not answer for this student: left SENT here, sent again below like a failed job's
                    missing++;
                    continue;
                }
                String invalid = BulkResultCheck.problem(r).orElse(null);
                if (invalid != null) {
                    // settles this student alone; nothing of the answer is stored, the others go on
                    settled.add(new Settlement(s.requestId(), "ERROR", RejectReason.UPSTREAM_RESULT_INVALID.name(),
                            RejectReason.UPSTREAM_RESULT_INVALID.meaning() + " Found: " + invalid + " (batch "
                                    + batch.batchId() + ", job " + batch.jobId() + "). "
                                    + RejectReason.UPSTREAM_RESULT_INVALID.hint()));
                    errors++;
                    continue;
                }
                rows.add(new CccidResultTable.Row(s.requestId(), batch.misCode(), batch.batchId(), batch.jobId(), r,
                        writeBack(c, s.requestId(), batch, r, writeBackFailures)));
                switch (r.outcome()) {
                    case "CREATED" -> created++;
                    case "EXISTING" -> existing++;
                    default -> rejected++;
                }
                boolean done = "CREATED".equals(r.outcome()) || "EXISTING".equals(r.outcome());
                settled.add(done ? new Settlement(s.requestId(), "DONE", null, null)
                        : new Settlement(s.requestId(), "REJECTED", RejectReason.UPSTREAM_REJECTED.name(),
                        RejectReason.UPSTREAM_REJECTED.meaning() + " Errors: " + r.errorsJson() + ". "
                                + RejectReason.UPSTREAM_REJECTED.hint()));
            }
            results.insert(c, rows, now);
            requests.settle(c, "SENT", batch.batchId(), settled, now);
            // after settle: the students without a result are then the only ones of the batch still SENT
            int missingErrors = missing == 0 ? 0 : requeueMissing(c, batch, missing, now);
            // Results for students the batch no longer holds as SENT: the SIS owns the outbox rows and may put one on
            // hold, delete it or queue it again while its batch is at upstream. Such a result has no outbox row to
            // settle and is not recorded (a row queued again gets its own result, matched by upstream to the account
            // it has), but an account may have been created for it.
            long withCccid = unanswered.values().stream()
                    .filter(r -> "CREATED".equals(r.outcome()) || "EXISTING".equals(r.outcome())).count();
            RosterBatchNotes notes = new RosterBatchNotes();
            notes.invalidResults(errors);
            notes.missingResults(missing, missingErrors, maxAttempts);
            notes.resultsForTakenBack(unanswered.size(), withCccid);
            if (notes.joined() != null) {
                // a state, not only a line: the batch row keeps it, and the status page and status list it
                batches.addNote(c, batch.batchId(), notes.joined());
            }
            return new Settled(new BatchOutcome("COMPLETE", created, existing, rejected, missing, 0, errors + missingErrors, errors,
                    unanswered.size()), () -> {
                        notes.sentences().forEach(note -> LOG.warn("Roster batch {} (job {}) for MIS {}: {}", batch.batchId(),
                                batch.jobId(), batch.misCode(), note));
                        writeBackFailures.log("Roster batch " + batch.batchId() + " for MIS " + batch.misCode(), writeBack.maxAttempts());
                    });
        });
        // the lines once the notes they tell of are committed: a settlement rolled back (the database gone mid-commit)
        // logged notes no batch row kept, and is settled again, with its lines, on the next poll
        settlement.lines().run();
        return settlement.outcome();
    }

    /** A settlement and its WARN lines, logged after its commit. */
    private record Settled(BatchOutcome outcome, Runnable lines) {
    }

    /**
     * The students upstream's finished job gave no result for: the only ones of the batch still SENT. Each
     * goes back to PENDING for a new batch with one more attempt, or to ERROR after max-attempts, as a
     * failed job's students do. Before, they went back to PENDING without an attempt counted, so an
     * upstream that never answered for a student had it sent again under a new key on every run, for ever.
     *
     * @return how many of them ended in ERROR
     */
    private int requeueMissing(java.sql.Connection c, OpenBatch batch, int missing, Timestamp now) throws SQLException {
        int errorsBefore = requests.countInBatch(c, batch.batchId(), "ERROR");
        int requeued = requests.requeueBatch(c, batch.batchId(), maxAttempts, RejectReason.UPSTREAM_RESULT_MISSING.name(),
                RejectReason.UPSTREAM_RESULT_MISSING.meaning() + " Last: batch " + batch.batchId() + ", job " + batch.jobId()
                        + ". " + RejectReason.UPSTREAM_RESULT_MISSING.hint(), now);
        if (requeued != missing) {
            throw new ProgressMarkerMovedException("roster batch " + batch.batchId() + " holds " + requeued
                    + " SENT student(s) without a result, " + missing + " were read");
        }
        return requests.countInBatch(c, batch.batchId(), "ERROR") - errorsBefore;
    }

    /** The first attempt of a result's write-back, in the settle transaction; null when it is not written back. */
    private CccidResultTable.WriteBackState writeBack(java.sql.Connection c, long requestId, OpenBatch batch, StudentResult r,
                                                      WriteBackFailures failures) throws SQLException {
        if (!writeBack.wanted(r.outcome())) {
            return null;
        }
        String error = writeBack.write(c, requestId, batch.misCode(), batch.batchId(), r.localId(), r.outcome(), r.cccid(),
                r.matchedOn().isEmpty() ? null : String.join(",", r.matchedOn()));
        String state = writeBack.stateAfter(1, error);
        failures.add(state, error);
        return new CccidResultTable.WriteBackState(state, 1, error);
    }

    private BatchOutcome failed(OpenBatch batch, BulkJobStatus job) throws SQLException {
        String why = "upstream job " + batch.jobId() + " FAILED" + (job.error() == null ? "" : ": " + job.error());
        return RosterTransaction.run(dataSource, c -> {
            Timestamp now = now();
            if (!batches.close(c, batch.batchId(), batch.jobId(), "FAILED", why, now)) {
                return BatchOutcome.ALREADY_SETTLED;
            }
            int requeued = requests.requeueBatch(c, batch.batchId(), maxAttempts, RejectReason.UPSTREAM_JOB_FAILED.name(),
                    RejectReason.UPSTREAM_JOB_FAILED.meaning() + " Last: " + why + ". " + RejectReason.UPSTREAM_JOB_FAILED.hint(), now);
            int errors = requests.countInBatch(c, batch.batchId(), "ERROR");
            return new BatchOutcome("FAILED", 0, 0, 0, 0, requeued - errors, errors, 0, 0);
        });
    }

    /** Counted after the transaction committed, so the meters never count a rolled-back settlement. */
    private void record(BatchOutcome o, long elapsedNanos) {
        int received = o.created() + o.existing() + o.rejected();
        metrics.batch(FlowMetrics.ROSTER, received, received, 0,
                o.rejected() == 0 ? Map.of() : Map.of(RejectReason.UPSTREAM_REJECTED, o.rejected()), elapsedNanos);
        metrics.rosterOutcome("created", o.created());
        metrics.rosterOutcome("duplicate", o.existing());
        metrics.rosterOutcome("rejected", o.rejected());
        metrics.rosterOutcome("error", o.errors());
        metrics.rosterBatchProblem(FlowMetrics.RESULT_INVALID, o.invalid());
        metrics.rosterBatchProblem(FlowMetrics.RESULT_MISSING, o.missing());
        metrics.rosterBatchProblem(FlowMetrics.RESULT_FOR_TAKEN_BACK, o.resultsForTakenBack());
    }

    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(clock));
    }

    /**
     * What settling one batch did, for the log line and the meters (counts only: no student data). errors counts
     * the invalid results and the missing ones that ended in ERROR; resultsForTakenBack, the results upstream gave
     * for students the batch no longer held as SENT.
     */
    public record BatchOutcome(String status, int created, int existing, int rejected, int missing, int requeued, int errors,
                               int invalid, int resultsForTakenBack) {
        static final BatchOutcome ALREADY_SETTLED = new BatchOutcome("ALREADY_SETTLED", 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
