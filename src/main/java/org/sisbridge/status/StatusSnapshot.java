package org.sisbridge.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sisbridge.reconcile.ReconcileConflict;
import org.sisbridge.staging.BatchCounts;

/**
 * What the agent has done, read from the staging database: the last batch of each flow, the
 * cursors, the latest reports, the roster's students and batches, the rejects, the reconciliations and
 * their latest conflicts. The {@code status} command and the status page both show this. It holds no student data: identifiers (CCCID, local
 * id, record key) at most, never names, e-mails, birth dates or raw input. {@code unreadable} names the
 * parts that could not be read (a flow's tables that do not exist because the flow is off, say).
 */
public record StatusSnapshot(Instant takenAt, List<FlowRun> flows, List<Checkpoint> checkpoints,
                             List<ReportLoad> recentReports, Map<String, Long> rosterStudentsByStatus,
                             Map<String, Long> rosterOutcomes, List<RosterBatch> recentRosterBatches,
                             RosterBatchesToLookAt rosterBatchesToLookAt,
                             List<RosterFile> recentRosterFiles,
                             Map<String, Long> rosterWriteBacks, WriteBackError latestWriteBackError,
                             List<RejectCount> rejectCounts, List<RejectSummary> latestRejects,
                             List<Reconciliation> reconciliations, List<ReconcileConflict> reconcileConflicts,
                             List<String> unreadable) {

    /** The last batch of one flow and scope (a MIS code, a report source) and its last failure. */
    public record FlowRun(String flow, String scope, Instant lastSuccessAt, BatchCounts lastCounts,
                          Instant lastFailureAt, String lastFailure) {

        /** True when the last thing that happened to this flow and scope was a failure. */
        public boolean failing() {
            return lastFailureAt != null && (lastSuccessAt == null || lastFailureAt.isAfter(lastSuccessAt));
        }
    }

    public record Checkpoint(String flow, String scope, String cursor, Instant updatedAt) {
    }

    public record ReportLoad(String reportId, String source, String misCode, String period, long rowsLoaded,
                             long rowsRejected, Instant loadedAt) {
    }

    public record RosterBatch(String batchId, String misCode, String status, String jobId, long students, int attempts,
                              String lastError, Instant updatedAt) {
    }

    /**
     * The roster batches with a note (cccid_batch.last_error): the SIS took students back while the batch was in
     * flight, upstream answered for students the batch no longer held, gave results that could not be stored or none
     * for some students, or the job failed. total: all of them; latest: the most recently updated, each note saying
     * what happened, how many students and what to do.
     */
    public record RosterBatchesToLookAt(long total, List<RosterBatch> latest, int days) {
        public static final RosterBatchesToLookAt NONE = new RosterBatchesToLookAt(0, List.of(), 0);
    }

    /**
     * A roster file staff dropped, by the first 16 hex digits of its content's sha256 (staff may name a file after a
     * student, and this snapshot is served without a login: the name is on the staff roster page), and the encoding its
     * text was read in (null for files loaded before it was kept).
     */
    public record RosterFile(String sha256, String encoding, long rows, long unreadableLines, Instant loadedAt) {
    }

    /**
     * The latest write-back into the SIS that the SIS refused (a result still PENDING or FAILED): the
     * database's message, masked when it was recorded.
     */
    public record WriteBackError(long requestId, String misCode, String status, int attempts, String error, Instant at) {
    }

    public record RejectCount(String source, String reasonCode, long count) {
    }

    /** A reject as staff may see it: where it came from and why, not what it contained. */
    public record RejectSummary(long id, String source, String reasonCode, String reason, String recordKey,
                                String sourceRef, Long lineNumber, Instant rejectedAt) {
    }

    /**
     * A college's reconciliation: the counts per outcome of its latest complete run, and its state. COMPLETE: no run
     * since; RUNNING: a run begun after it (in progress, or cut off and resumed by the next run); STOPPED: that run's
     * last call failed (lastFailure), and the next run resumes it. openRunChecked: the students that run has checked so far.
     */
    public record Reconciliation(String misCode, String state, String runId, Instant finishedAt, long students,
                                 Map<String, Long> outcomes, String openRunId, Instant openRunStartedAt, long openRunChecked,
                                 String lastFailure) {
    }

    /** Students waiting for a CCCID: not yet sent, or sent and not yet answered. */
    public long pendingRosterStudents() {
        return rosterStudentsByStatus.getOrDefault("PENDING", 0L) + rosterStudentsByStatus.getOrDefault("SENT", 0L);
    }

    /** Results whose CCCID is not in the SIS yet: PENDING (tried again on the next run) and FAILED (a person must look). */
    public long unwrittenWriteBacks() {
        return rosterWriteBacks.getOrDefault("PENDING", 0L) + rosterWriteBacks.getOrDefault("FAILED", 0L);
    }

    public long rejectsTotal() {
        return rejectCounts.stream().mapToLong(RejectCount::count).sum();
    }
}
