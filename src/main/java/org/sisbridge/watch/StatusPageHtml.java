package org.sisbridge.watch;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.sisbridge.config.Launcher;
import org.sisbridge.reconcile.ReconcileConflict;
import org.sisbridge.reconcile.ReconcileOutcome;
import org.sisbridge.staff.login.LoginThrottle;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.status.StatusSnapshot;

/**
 * Renders a {@link StatusSnapshot} as one self-contained HTML page (inline CSS, no script) for
 * Admissions &amp; Records and IT staff. Every value from the database is escaped. The snapshot holds
 * identifiers at most (CCCID, local id, record key), never names, e-mails, birth dates or raw input,
 * and the page shows nothing else. Counts carry data-* attributes so that scripts and tests can read them.
 */
public final class StatusPageHtml {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final List<String> RECONCILE_OUTCOMES = java.util.Arrays.stream(ReconcileOutcome.values()).map(Enum::name).toList();

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
            header{background:#003a70;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
            header p{margin:4px 0 0;color:#cfe0f3;font-size:13px}header a{color:#fff}
            main{padding:8px 24px 24px}section{background:#fff;border:1px solid #d8dee6;border-radius:6px;margin:16px 0;padding:12px 16px}
            h2{font-size:17px;margin:4px 0 10px;color:#003a70}
            .tiles{display:flex;gap:12px;flex-wrap:wrap}.tile{flex:1;min-width:150px;background:#fff;border:1px solid #d8dee6;
            border-radius:6px;padding:10px 14px}.tile b{display:block;font-size:26px}.tile span{font-size:12px;color:#5b6b7d}
            table{border-collapse:collapse;width:100%;font-size:13px}th{text-align:left;background:#e8eef5;padding:6px 8px}
            td{padding:5px 8px;border-top:1px solid #e6eaef;vertical-align:top;overflow-wrap:anywhere}th,td.t{white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .ok{background:#1e7b34;color:#fff;border-radius:3px;padding:1px 6px}.bad{background:#b3261e;color:#fff;border-radius:3px;padding:1px 6px}
            .warn{color:#8a5300}.muted{color:#6b7785}footer{padding:0 24px 24px;font-size:12px;color:#5b6b7d}
            """;

    private final ZoneId zone;
    private final int refreshSeconds;
    private final boolean staffPages;
    private final LoginThrottle logins;

    /** A page that links to the staff pages (they are on, the default). */
    public StatusPageHtml(ZoneId zone, int refreshSeconds) {
        this(zone, refreshSeconds, true);
    }

    /** @param staffPages whether the staff pages are served (sisbridge.watch.staff-pages-enabled): no link to a 404 */
    public StatusPageHtml(ZoneId zone, int refreshSeconds, boolean staffPages) {
        this(zone, refreshSeconds, staffPages, null);
    }

    /** @param logins the staff login's throttle, whose waiting logins the page shows beside the link; null = none shown */
    public StatusPageHtml(ZoneId zone, int refreshSeconds, boolean staffPages, LoginThrottle logins) {
        this.zone = zone;
        this.refreshSeconds = refreshSeconds;
        this.staffPages = staffPages;
        this.logins = logins;
    }

    public String render(StatusSnapshot s) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">")
                .append("<title>sisbridge status</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<header><h1>sisbridge status</h1><p>As of <span id=\"taken-at\">").append(time(s.takenAt()))
                .append("</span>; this page reloads every ").append(refreshSeconds).append(" s.</p>");
        if (staffPages) {
            h.append("<p><a id=\"staff-pages\" href=\"/staff\">Staff pages</a> (Admissions &amp; Records, with their own login)</p>");
            loginsWaiting(h);
        }
        h.append("</header>\n<main>\n");
        tiles(h, s);
        flows(h, s.flows());
        rejects(h, s);
        new RosterStatusHtml(zone).render(h, s);
        reconciliation(h, s);
        reports(h, s.recentReports());
        checkpoints(h, s.checkpoints());
        if (!s.unreadable().isEmpty()) {
            h.append("<section id=\"unreadable\"><h2>Not shown</h2><ul>");
            s.unreadable().forEach(u -> h.append("<li class=\"warn\">").append(esc(u)).append("</li>"));
            h.append("</ul></section>\n");
        }
        h.append("</main>\n<footer>Also: <a href=\"status.json\">status.json</a> &middot; <a href=\"observe/health\">health</a>")
                .append(" &middot; <a href=\"observe/metrics\">Prometheus metrics</a></footer>\n</body></html>\n");
        return h.toString();
    }

    /** The staff logins failed logins keep waiting now; null when this endpoint has no staff login. */
    LoginThrottle.Waiting loginsWaiting() {
        return logins == null ? null : logins.waiting();
    }

    /** Only while failed logins make some wait (docs/operations.md, "Staff pages"); the log says who and from where. */
    private void loginsWaiting(StringBuilder h) {
        LoginThrottle.Waiting w = loginsWaiting();
        if (w == null || w.none()) {
            return;
        }
        h.append("<p id=\"logins-waiting\" data-name-from-address=\"").append(w.nameFromAddress()).append("\" data-addresses=\"")
                .append(w.addresses()).append("\" data-names=\"").append(w.names()).append("\">Staff logins waiting after failed logins: ")
                .append(some(w.nameFromAddress(), "user name")).append(" from one computer, ")
                .append(some(w.addresses(), "computer")).append(" for any name, ")
                .append(some(w.names(), "user name")).append(" from computers they have not logged in from")
                .append(" (the log's &quot;Staff login refused&quot; lines say which)</p>");
    }

    private static String some(int count, String what) {
        return count + " " + what + (count == 1 ? "" : "s");
    }

    private void tiles(StringBuilder h, StatusSnapshot s) {
        long failing = s.flows().stream().filter(StatusSnapshot.FlowRun::failing).count();
        h.append("<div class=\"tiles\">");
        tile(h, "flows-failing", failing, "flows whose last run failed");
        tile(h, "roster-pending", s.pendingRosterStudents(), "students waiting for a CCCID");
        tile(h, "roster-batches-to-look-at", s.rosterBatchesToLookAt().total(), "roster batches to look at");
        tile(h, "rejects-total", s.rejectsTotal(), "records rejected (all time)");
        tile(h, "reports-recent", s.recentReports().size(), "recent report loads");
        h.append("</div>\n");
    }

    private static void tile(StringBuilder h, String id, long value, String label) {
        h.append("<div class=\"tile\"><b id=\"").append(id).append("\" data-count=\"").append(value).append("\">")
                .append(String.format("%,d", value)).append("</b><span>").append(label).append("</span></div>");
    }

    private void flows(StringBuilder h, List<StatusSnapshot.FlowRun> flows) {
        h.append("<section id=\"flows\"><h2>Flows: last run</h2>");
        if (flows.isEmpty()) {
            h.append("<p class=\"muted\">No flow has run yet.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>Flow</th><th>Scope</th><th>State</th><th>Last success</th><th>Received</th><th>Stored</th>")
                .append("<th>Duplicates</th><th>Rejected</th><th>Last failure</th></tr>");
        for (StatusSnapshot.FlowRun f : flows) {
            BatchCounts c = f.lastCounts() == null ? BatchCounts.NONE : f.lastCounts();
            h.append("<tr data-flow=\"").append(esc(f.flow())).append("\" data-scope=\"").append(esc(f.scope())).append("\">")
                    .append("<td>").append(esc(f.flow())).append("</td><td>").append(esc(f.scope())).append("</td><td>")
                    .append(f.failing() ? "<span class=\"bad\">FAILING</span>" : "<span class=\"ok\">OK</span>").append("</td>")
                    .append("<td class=\"t\">").append(time(f.lastSuccessAt())).append("</td>");
            count(h, "received", c.received());
            count(h, "stored", c.stored());
            count(h, "duplicates", c.duplicates());
            count(h, "rejected", c.rejected());
            h.append("<td>").append(f.lastFailureAt() == null ? "" : time(f.lastFailureAt()) + ": " + esc(f.lastFailure()))
                    .append("</td></tr>");
        }
        h.append("</table><p class=\"muted\">Counts are those of the last batch (an events page, a report, a roster batch).</p>")
                .append("</section>\n");
    }

    private void rejects(StringBuilder h, StatusSnapshot s) {
        h.append("<section id=\"rejects\"><h2>Rejected records</h2>");
        if (s.rejectCounts().isEmpty()) {
            h.append("<p class=\"muted\">None.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>Source</th><th>Reason</th><th>Records</th></tr>");
        for (StatusSnapshot.RejectCount r : s.rejectCounts()) {
            h.append("<tr class=\"reject-count\" data-source=\"").append(esc(r.source())).append("\" data-reason=\"")
                    .append(esc(r.reasonCode())).append("\"><td>").append(esc(r.source())).append("</td><td>")
                    .append(esc(r.reasonCode())).append("</td>");
            count(h, "count", r.count());
            h.append("</tr>");
        }
        h.append("</table><h2>Latest rejects</h2><table><tr><th>When</th><th>Source</th><th>Reason</th><th>Record</th>")
                .append("<th>From</th><th>Line</th><th>What to do</th></tr>");
        for (StatusSnapshot.RejectSummary r : s.latestRejects()) {
            h.append("<tr class=\"latest-reject\"><td class=\"t\">").append(time(r.rejectedAt())).append("</td><td>").append(esc(r.source()))
                    .append("</td><td>").append(esc(r.reasonCode())).append("</td><td>").append(esc(r.recordKey()))
                    .append("</td><td>").append(esc(r.sourceRef())).append("</td><td class=\"n\">")
                    .append(r.lineNumber() == null ? "" : r.lineNumber()).append("</td><td>").append(esc(r.reason()))
                    .append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    /**
     * Each college's latest reconciliation (counts per outcome, and a later run's state), then the first conflicts of
     * those runs: identifiers only. The CSV beside status.json has all of them for Admissions &amp; Records.
     */
    private void reconciliation(StringBuilder h, StatusSnapshot s) {
        h.append("<section id=\"reconcile\"><h2>Reconciliation (match only)</h2>");
        if (s.reconciliations().isEmpty()) {
            h.append("<p class=\"muted\">No reconciliation has run yet (").append(esc(Launcher.command("reconcile")))
                    .append(" runs one now).</p></section>\n");
            return;
        }
        h.append("<table><tr><th>MIS</th><th>State</th><th>Latest complete run</th><th>Finished</th><th>Students</th>");
        RECONCILE_OUTCOMES.forEach(o -> h.append("<th>").append(o).append("</th>"));
        h.append("<th>Run since</th></tr>");
        for (StatusSnapshot.Reconciliation r : s.reconciliations()) {
            h.append("<tr class=\"reconcile-run\" data-mis=\"").append(esc(r.misCode())).append("\" data-state=\"")
                    .append(esc(r.state())).append("\"><td>").append(esc(r.misCode())).append("</td><td>")
                    .append("STOPPED".equals(r.state()) ? "<span class=\"bad\">STOPPED</span>"
                            : "COMPLETE".equals(r.state()) ? "<span class=\"ok\">COMPLETE</span>" : esc(r.state()))
                    .append("</td><td>").append(esc(r.runId())).append("</td><td class=\"t\">").append(time(r.finishedAt()))
                    .append("</td>");
            count(h, "students", r.students());
            RECONCILE_OUTCOMES.forEach(o -> count(h, o, r.outcomes().getOrDefault(o, 0L)));
            h.append("<td>");
            if (r.openRunId() != null) {
                h.append(esc(r.openRunId())).append(", started ").append(time(r.openRunStartedAt())).append(": ")
                        .append(String.format("%,d", r.openRunChecked())).append(" checked so far");
                if (r.lastFailure() != null) {
                    h.append("; <span class=\"warn\">").append(esc(r.lastFailure())).append("</span>; the next run resumes it");
                }
            }
            h.append("</td></tr>");
        }
        h.append("</table><h2>Latest conflicts</h2><p><a id=\"reconcile-csv\" href=\"reconcile-conflicts.csv\">Every conflict")
                .append(" of the latest runs as CSV</a> (for a spreadsheet).</p>");
        if (s.reconcileConflicts().isEmpty()) {
            h.append("<p class=\"muted\">None in the latest complete runs.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>MIS</th><th>Local id</th><th>CCCID in the SIS</th><th>CCCID upstream</th><th>Outcome</th>")
                .append("<th>Matched on</th><th>Why</th><th>Checked</th></tr>");
        for (ReconcileConflict c : s.reconcileConflicts()) {
            h.append("<tr class=\"reconcile-conflict\" data-outcome=\"").append(esc(c.outcome())).append("\"><td>")
                    .append(esc(c.misCode())).append("</td><td>").append(esc(c.localId())).append("</td><td>")
                    .append(esc(c.sisCccId())).append("</td><td>").append(esc(c.upstreamCccId())).append("</td><td>")
                    .append(esc(c.outcome())).append("</td><td>").append(esc(c.matchedOn())).append("</td><td>")
                    .append(esc(c.reason())).append("</td><td class=\"t\">").append(time(c.checkedAt())).append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    private void reports(StringBuilder h, List<StatusSnapshot.ReportLoad> reports) {
        h.append("<section id=\"reports\"><h2>Latest status change reports</h2>");
        if (reports.isEmpty()) {
            h.append("<p class=\"muted\">No report loaded yet.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>Report</th><th>Source</th><th>MIS</th><th>Period</th><th>Rows loaded</th>")
                .append("<th>Rows rejected</th><th>Loaded</th></tr>");
        for (StatusSnapshot.ReportLoad r : reports) {
            h.append("<tr class=\"report-load\" data-report=\"").append(esc(r.reportId())).append("\"><td>").append(esc(r.reportId()))
                    .append("</td><td>").append(esc(r.source())).append("</td><td>").append(esc(r.misCode())).append("</td><td>")
                    .append(esc(r.period())).append("</td>");
            count(h, "rows-loaded", r.rowsLoaded());
            count(h, "rows-rejected", r.rowsRejected());
            h.append("<td class=\"t\">").append(time(r.loadedAt())).append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    private void checkpoints(StringBuilder h, List<StatusSnapshot.Checkpoint> checkpoints) {
        h.append("<section id=\"checkpoints\"><h2>Checkpoints</h2>");
        if (checkpoints.isEmpty()) {
            h.append("<p class=\"muted\">None yet.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>Flow</th><th>Scope</th><th>Cursor</th><th>Updated</th></tr>");
        for (StatusSnapshot.Checkpoint c : checkpoints) {
            h.append("<tr class=\"checkpoint\"><td>").append(esc(c.flow())).append("</td><td>").append(esc(c.scope()))
                    .append("</td><td>").append(esc(c.cursor())).append("</td><td class=\"t\">").append(time(c.updatedAt())).append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    /** A count's cell, its value in a data-* attribute named after it. */
    static void count(StringBuilder h, String name, long value) {
        h.append("<td class=\"n\" data-").append(name.toLowerCase()).append("=\"").append(value).append("\">")
                .append(String.format("%,d", value)).append("</td>");
    }

    private String time(Instant instant) {
        return time(zone, instant);
    }

    /** A time as the page shows it, in the page's zone. */
    static String time(ZoneId zone, Instant instant) {
        return instant == null ? "" : esc(TIME.format(instant.atZone(zone)));
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
