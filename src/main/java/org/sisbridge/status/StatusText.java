package org.sisbridge.status;

import java.io.PrintWriter;
import java.util.Map;
import org.sisbridge.config.Launcher;
import org.sisbridge.reconcile.ReconcileConflict;

/**
 * A {@link StatusSnapshot} as plain text for a terminal: flows, cursors, reports, roster, rejects,
 * reconciliations. No student data in it.
 */
public final class StatusText {

    private StatusText() {
    }

    public static void print(StatusSnapshot s, PrintWriter out) {
        out.println("sisbridge status at " + s.takenAt());
        out.println();
        out.println("Last run per flow:");
        if (s.flows().isEmpty()) {
            out.println("  (no flow has run yet)");
        }
        for (StatusSnapshot.FlowRun f : s.flows()) {
            out.printf("  %-22s %-12s last success %s%s%n", f.flow(), f.scope(),
                    f.lastSuccessAt() == null ? "never" : f.lastSuccessAt(),
                    f.lastCounts() == null ? "" : " (received " + f.lastCounts().received() + ", stored " + f.lastCounts().stored()
                            + ", duplicates " + f.lastCounts().duplicates() + ", rejected " + f.lastCounts().rejected() + ")");
            if (f.lastFailureAt() != null) {
                out.printf("  %-22s %-12s %s %s: %s%n", "", "", f.failing() ? "FAILING since" : "last failure", f.lastFailureAt(),
                        f.lastFailure());
            }
        }
        out.println();
        out.println("Checkpoints:");
        if (s.checkpoints().isEmpty()) {
            out.println("  (none yet)");
        }
        for (StatusSnapshot.Checkpoint c : s.checkpoints()) {
            out.printf("  %-22s %-12s cursor %s (updated %s)%n", c.flow(), c.scope(), c.cursor(), c.updatedAt());
        }
        out.println();
        out.println("Reports loaded (latest first):");
        if (s.recentReports().isEmpty()) {
            out.println("  (none yet)");
        }
        for (StatusSnapshot.ReportLoad r : s.recentReports()) {
            out.printf("  %-32s %-10s loaded %s (%d rows, %d rejected)%n", r.reportId(), r.source(), r.loadedAt(),
                    r.rowsLoaded(), r.rowsRejected());
        }
        out.println();
        out.println("Roster: " + s.pendingRosterStudents() + " student(s) waiting for a CCCID" + counts(s.rosterStudentsByStatus()));
        for (StatusSnapshot.RosterFile f : s.recentRosterFiles()) {
            out.printf("  file sha256:%-16s read as %-16s %d row(s), %d unreadable line(s) (loaded %s)%n", f.sha256(),
                    f.encoding() == null ? "?" : f.encoding(), f.rows(), f.unreadableLines(), f.loadedAt());
        }
        if (!s.rosterWriteBacks().isEmpty()) {
            out.println("  write-back into the SIS: " + s.unwrittenWriteBacks() + " CCCID(s) not written yet; by state "
                    + s.rosterWriteBacks());
        }
        StatusSnapshot.WriteBackError w = s.latestWriteBackError();
        if (w != null) {
            out.printf("  %s write-back of outbox row %d (MIS %s, %d attempt(s), %s): %s%n", w.status(), w.requestId(), w.misCode(),
                    w.attempts(), w.at(), w.error());
        }
        String unknown = UnknownOutboxStatuses.sentence(s.rosterStudentsByStatus());
        if (unknown != null) {
            out.println("  WARNING: " + unknown);
        }
        StatusSnapshot.RosterBatchesToLookAt noted = s.rosterBatchesToLookAt();
        if (noted.total() > 0) {
            out.println("Roster batches to look at: " + noted.total() + " in the last " + noted.days() + " day(s) (students the SIS"
                    + " took back, results not stored or missing, failed jobs; latest first)");
            for (StatusSnapshot.RosterBatch b : noted.latest()) {
                out.printf("  batch %s MIS %s %s (updated %s): %s%n", b.batchId(), b.misCode(), b.status(), b.updatedAt(),
                        b.lastError());
            }
        }
        out.println();
        out.println("Rejects: " + s.rejectsTotal() + " (" + Launcher.command("rejects list") + ")");
        for (StatusSnapshot.RejectCount r : s.rejectCounts()) {
            out.printf("  %-22s %-28s %d%n", r.source(), r.reasonCode(), r.count());
        }
        reconciliations(s, out);
        if (!s.unreadable().isEmpty()) {
            out.println();
            out.println("Not readable: " + String.join("; ", s.unreadable()));
        }
        out.flush();
    }

    /** Each college's latest complete reconciliation and a later run's state, then the first conflicts (identifiers only). */
    private static void reconciliations(StatusSnapshot s, PrintWriter out) {
        out.println();
        out.println("Reconciliation (latest complete run per MIS code; every conflict: the status page's reconcile-conflicts.csv):");
        if (s.reconciliations().isEmpty()) {
            out.println("  (none yet; " + Launcher.command("reconcile") + " runs one now)");
        }
        for (StatusSnapshot.Reconciliation r : s.reconciliations()) {
            out.printf("  %-12s %-9s %s%n", r.misCode(), r.state(), r.runId() == null ? "no complete run yet"
                    : r.runId() + " finished " + r.finishedAt() + ", " + r.students() + " student(s): " + r.outcomes());
            if (r.openRunId() != null) {
                out.printf("  %-12s %-9s run %s started %s, %d checked so far%s%n", "", "", r.openRunId(), r.openRunStartedAt(),
                        r.openRunChecked(), r.lastFailure() == null ? "" : "; stopped: " + r.lastFailure() + "; the next run resumes it");
            }
        }
        for (ReconcileConflict c : s.reconcileConflicts()) {
            out.printf("  conflict %-12s %-20s %-16s SIS %-10s upstream %-10s %s%n", c.misCode(), c.localId(), c.outcome(),
                    c.sisCccId() == null ? "-" : c.sisCccId(), c.upstreamCccId() == null ? "-" : c.upstreamCccId(),
                    c.reason() == null ? "" : c.reason());
        }
    }

    private static String counts(Map<String, Long> byStatus) {
        return byStatus.isEmpty() ? "" : "; by status " + byStatus;
    }
}
