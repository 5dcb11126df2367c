package org.sisbridge.watch;

import static org.sisbridge.watch.StatusPageHtml.count;
import static org.sisbridge.watch.StatusPageHtml.esc;
import static org.sisbridge.watch.StatusPageHtml.time;

import java.time.ZoneId;
import java.util.List;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.UnknownOutboxStatuses;

/**
 * The status page's roster sections: the outbox by status, upstream's outcomes, the write-backs into the SIS, the
 * latest batches, the batches to look at, and the latest roster files (by sha256, never by name). Part of
 * {@link StatusPageHtml}, with its escaping, counts and times.
 */
final class RosterStatusHtml {

    private static final List<String> STUDENT_STATUSES = List.of("PENDING", "SENT", "DONE", "REJECTED", "ERROR");
    private static final List<String> WRITE_BACK_STATES = List.of("PENDING", "DONE", "FAILED");
    private static final List<String> OUTCOMES = List.of("CREATED", "EXISTING", "REJECTED");

    private final ZoneId zone;

    RosterStatusHtml(ZoneId zone) {
        this.zone = zone;
    }

    void render(StringBuilder h, StatusSnapshot s) {
        outboxAndBatches(h, s);
        batchesToLookAt(h, s.rosterBatchesToLookAt());
        rosterFiles(h, s.recentRosterFiles());
    }

    private void outboxAndBatches(StringBuilder h, StatusSnapshot s) {
        h.append("<section id=\"roster\"><h2>Bulk CCCID creation</h2><table><tr><th>Students</th>");
        STUDENT_STATUSES.forEach(st -> h.append("<th>").append(st).append("</th>"));
        h.append("</tr><tr class=\"roster-students\"><td>in the outbox</td>");
        STUDENT_STATUSES.forEach(st -> count(h, st, s.rosterStudentsByStatus().getOrDefault(st, 0L)));
        h.append("</tr></table>");
        String unknown = UnknownOutboxStatuses.sentence(s.rosterStudentsByStatus());
        if (unknown != null) {
            h.append("<p class=\"warn roster-unknown-status\">").append(esc(unknown)).append("</p>");
        }
        h.append("<table><tr><th>Results</th>");
        OUTCOMES.forEach(o -> h.append("<th>").append(o).append("</th>"));
        h.append("</tr><tr class=\"roster-outcomes\"><td>returned by upstream</td>");
        OUTCOMES.forEach(o -> count(h, o, s.rosterOutcomes().getOrDefault(o, 0L)));
        h.append("</tr></table>");
        writeBacks(h, s);
        h.append("<h2>Latest batches</h2>");
        if (s.recentRosterBatches().isEmpty()) {
            h.append("<p class=\"muted\">No batch sent yet.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>Batch</th><th>MIS</th><th>Status</th><th>Job</th><th>Students</th><th>Attempts</th>")
                .append("<th>Updated</th><th>Last error</th></tr>");
        for (StatusSnapshot.RosterBatch b : s.recentRosterBatches()) {
            h.append("<tr class=\"roster-batch\" data-status=\"").append(esc(b.status())).append("\"><td>").append(esc(b.batchId()))
                    .append("</td><td>").append(esc(b.misCode())).append("</td><td>")
                    .append("FAILED".equals(b.status()) ? "<span class=\"bad\">FAILED</span>"
                            : "COMPLETE".equals(b.status()) ? "<span class=\"ok\">COMPLETE</span>" : esc(b.status()))
                    .append("</td><td>").append(esc(b.jobId())).append("</td>");
            count(h, "students", b.students());
            count(h, "attempts", b.attempts());
            h.append("<td class=\"t\">").append(time(zone, b.updatedAt())).append("</td><td>").append(esc(b.lastError())).append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    /** The CCCIDs written back into the SIS, those not yet (PENDING, FAILED), and the database's latest refusal. */
    private void writeBacks(StringBuilder h, StatusSnapshot s) {
        if (s.rosterWriteBacks().isEmpty()) {
            return;
        }
        h.append("<table><tr><th>Write-back into the SIS</th>");
        WRITE_BACK_STATES.forEach(st -> h.append("<th>").append(st).append("</th>"));
        h.append("</tr><tr class=\"roster-write-backs\"><td>CCCIDs</td>");
        WRITE_BACK_STATES.forEach(st -> count(h, st, s.rosterWriteBacks().getOrDefault(st, 0L)));
        h.append("</tr></table>");
        StatusSnapshot.WriteBackError w = s.latestWriteBackError();
        if (w != null) {
            h.append("<p class=\"warn roster-write-back-error\">Write-back of outbox row ").append(w.requestId()).append(" (MIS ")
                    .append(esc(w.misCode())).append(") is ").append(esc(w.status())).append(" after ").append(w.attempts())
                    .append(" attempt(s), ").append(time(zone, w.at())).append(": ").append(esc(w.error())).append("</p>");
        }
    }

    /** The window the notes are counted over (sisbridge.status.roster-notes-days; 0 when the snapshot could not say). */
    private static String inTheLast(int days) {
        return days <= 0 ? "" : " in the last " + days + (days == 1 ? " day" : " days");
    }

    /**
     * The roster batches whose row carries a note: each says what happened (students the SIS took back while the
     * batch was in flight, results not stored or missing, a failed job), how many students, and what to do.
     */
    private void batchesToLookAt(StringBuilder h, StatusSnapshot.RosterBatchesToLookAt noted) {
        h.append("<section id=\"roster-batch-notes\"><h2>Roster batches to look at</h2>");
        if (noted.total() == 0) {
            h.append("<p class=\"muted\">None: every roster batch settled the plain way").append(inTheLast(noted.days()))
                    .append(".</p></section>\n");
            return;
        }
        h.append("<p><b data-count=\"").append(noted.total()).append("\">").append(String.format("%,d", noted.total()))
                .append("</b> batch(es) did not settle the plain way").append(inTheLast(noted.days())).append(" (latest ")
                .append(noted.latest().size())
                .append(" below). Each line says what happened, to how many students, and what to do; the students are")
                .append(" on the staff roster page by local id.</p>");
        h.append("<table><tr><th>Batch</th><th>MIS</th><th>Status</th><th>Job</th><th>Students sent</th><th>Updated</th>")
                .append("<th>What happened, what to do</th></tr>");
        for (StatusSnapshot.RosterBatch b : noted.latest()) {
            h.append("<tr class=\"roster-batch-note\" data-batch=\"").append(esc(b.batchId())).append("\"><td>")
                    .append(esc(b.batchId())).append("</td><td>").append(esc(b.misCode())).append("</td><td>")
                    .append(esc(b.status())).append("</td><td>").append(esc(b.jobId())).append("</td>");
            count(h, "students", b.students());
            h.append("<td class=\"t\">").append(time(zone, b.updatedAt())).append("</td><td class=\"warn\">").append(esc(b.lastError()))
                    .append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    /**
     * The dropped roster files and the encoding each was read in, so a garbled name can be traced to its file. A file
     * is shown by its content's sha256 (first 16 hex digits), not its name: staff may name a file after a student, and
     * this page has no login. The staff roster page shows each name beside the same digits.
     */
    private void rosterFiles(StringBuilder h, List<StatusSnapshot.RosterFile> files) {
        h.append("<section id=\"roster-files\"><h2>Latest roster files</h2>");
        if (files.isEmpty()) {
            h.append("<p class=\"muted\">No roster file dropped yet.</p></section>\n");
            return;
        }
        h.append("<p class=\"muted\">Each file by the first 16 hex digits of its content's sha256 (<code>sha256sum</code> of")
                .append(" its copy in the drop folder's done/): a file's name may carry a student's name, so it is shown only")
                .append(" on the staff roster page, after a login.</p>");
        h.append("<table><tr><th>File (sha256)</th><th>Read as</th><th>Rows</th><th>Unreadable lines</th><th>Loaded</th></tr>");
        for (StatusSnapshot.RosterFile f : files) {
            h.append("<tr class=\"roster-file\"><td class=\"sha256\">").append(esc(f.sha256())).append("</td><td class=\"encoding\">")
                    .append(esc(f.encoding())).append("</td>");
            count(h, "rows", f.rows());
            count(h, "unreadable", f.unreadableLines());
            h.append("<td class=\"t\">").append(time(zone, f.loadedAt())).append("</td></tr>");
        }
        h.append("</table></section>\n");
    }
}
