package org.sisbridge.staff.pages;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sisbridge.staff.RecentRosterFiles;
import org.sisbridge.staff.RejectsPerDay;
import org.sisbridge.staff.WaitingRosterStudents;

/**
 * Roster students still waiting for a CCCID or rejected, each with its reason, and a chart of rejected
 * records per day by reason code (every source: events, reports, roster files).
 */
public final class RosterPage implements StaffPage {

    private final WaitingRosterStudents students;
    private final RejectsPerDay rejects;
    private final RecentRosterFiles files;
    private final Clock clock;
    private final int chartDays;
    private final int pageRows;
    private final int readRows;

    /** @param files the latest roster files with their names (null: not shown) */
    public RosterPage(WaitingRosterStudents students, RejectsPerDay rejects, RecentRosterFiles files, Clock clock, int chartDays,
                      int pageRows, int readRows) {
        this.students = students;
        this.rejects = rejects;
        this.files = files;
        this.clock = clock;
        this.chartDays = chartDays;
        this.pageRows = pageRows;
        this.readRows = readRows;
    }

    @Override
    public String name() {
        return "roster";
    }

    @Override
    public String title() {
        return "Roster: waiting and rejected";
    }

    @Override
    public int defaultDays() {
        return chartDays;
    }

    @Override
    public int maxDays() {
        return Math.max(chartDays, 366);
    }

    @Override
    public StaffTable table(StaffQuery q) throws Exception {
        StaffTable.Builder table = new StaffTable.Builder(q.csv() ? readRows : pageRows)
                .column("mis_code", "MIS").column("local_id", "Local id").column("status", "Status")
                .column("reason_code", "Reason code").column("reason", "Reason").column("attempts", "Attempts")
                .column("updated_at_utc", "Updated (UTC)");
        // the CCCID search does not apply: these students have none yet
        students.read(readRows + 1, s -> table.row(s.misCode(), s.localId(), s.status(), s.reasonCode(), s.reason(),
                String.valueOf(s.attempts()), s.updatedAt() == null ? "" : s.updatedAt().toString().replace('T', ' ')));
        return table.build();
    }

    @Override
    public String html(StaffQuery q, StaffTable table) throws Exception {
        StringBuilder h = StaffLayout.open(title(), "/staff/roster", q.user());
        StaffPage.filters(h, name(), q, false, false, "Chart days");
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<LocalDate> days = new ArrayList<>();
        for (int d = q.days() - 1; d >= 0; d--) {
            days.add(today.minusDays(d));
        }
        Map<LocalDate, Map<String, Long>> perDay = rejects.since(days.get(0), readRows);
        TreeSet<String> reasons = new TreeSet<>();
        perDay.values().forEach(m -> reasons.addAll(m.keySet()));
        h.append("<section><h2>Rejected records per day by reason</h2><div class=\"charts\">");
        SvgBarChart.render(h, "rejects-chart", "Rejected records per day (UTC), by reason code, all sources", days, perDay,
                List.copyOf(reasons));
        h.append("</div></section><section><h2>Students waiting for a CCCID or rejected</h2><p class=\"how\">Roster students")
                .append(" the agent has not finished: PENDING (not sent yet), SENT (upstream is working on them), REJECTED (upstream")
                .append(" or the agent refused them: see the reason) and ERROR (gave up after retries), newest first. Names, e-mail")
                .append(" addresses and birth dates are not shown: look the local id up in the SIS.</p>");
        table.html(h, "roster", "No roster student is waiting or rejected.");
        h.append("</section>");
        rosterFiles(h);
        return StaffLayout.close(h);
    }

    /** The latest dropped files by name and by the sha256 digits the public status page names them with. */
    private void rosterFiles(StringBuilder h) throws java.sql.SQLException {
        if (files == null) {
            return;
        }
        List<RecentRosterFiles.File> latest = files.latest(pageRows);
        h.append("<section id=\"roster-files\"><h2>Latest roster files</h2><p class=\"how\">The files dropped into the")
                .append(" roster inbox, newest first. The IT status page names each by its sha256 only, since a file name")
                .append(" may carry a student's name.</p>");
        if (latest.isEmpty()) {
            h.append("<p>No roster file dropped yet.</p></section>");
            return;
        }
        h.append("<table><tr><th>File</th><th>sha256</th><th>Read as</th><th>Rows</th><th>Unreadable lines</th>")
                .append("<th>Loaded (UTC)</th></tr>");
        for (RecentRosterFiles.File f : latest) {
            h.append("<tr class=\"roster-file\"><td data-col=\"file_name\">").append(StaffLayout.esc(f.name()))
                    .append("</td><td data-col=\"sha256\">").append(StaffLayout.esc(f.sha256())).append("</td><td>")
                    .append(StaffLayout.esc(f.encoding())).append("</td><td>").append(f.rows()).append("</td><td>")
                    .append(f.unreadableLines()).append("</td><td>")
                    .append(f.loadedAt() == null ? "" : StaffLayout.esc(f.loadedAt().toString().replace('T', ' ')))
                    .append("</td></tr>");
        }
        h.append("</table></section>");
    }
}
