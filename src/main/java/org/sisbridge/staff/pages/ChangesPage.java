package org.sisbridge.staff.pages;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.staff.RecentStatusChanges;

/**
 * Status changes of the last N days, from the events feed and the reports together
 * ({@link RecentStatusChanges}), filtered by target status and CCCID, with a chart of changes per day by
 * target status. A change's "from" is the student's previous change staged within sisbridge.staff.max-days;
 * whether the transition is documented is the college's policy (sisbridge.transitions.valid).
 */
public final class ChangesPage implements StaffPage {

    private final RecentStatusChanges changes;
    private final StatusTransitionPolicy policy;
    private final Clock clock;
    private final int defaultDays;
    private final int maxDays;
    private final int pageRows;
    private final int readRows;

    /** A change with its previous status (null: none staged before it). */
    record Transition(RecentStatusChanges.Change change, String from, boolean documented) {
    }

    public ChangesPage(RecentStatusChanges changes, StatusTransitionPolicy policy, Clock clock, int defaultDays, int maxDays,
                       int pageRows, int readRows) {
        this.changes = changes;
        this.policy = policy;
        this.clock = clock;
        this.defaultDays = defaultDays;
        this.maxDays = maxDays;
        this.pageRows = pageRows;
        this.readRows = readRows;
    }

    @Override
    public String name() {
        return "changes";
    }

    @Override
    public String title() {
        return "Status changes";
    }

    @Override
    public int defaultDays() {
        return defaultDays;
    }

    @Override
    public int maxDays() {
        return maxDays;
    }

    /** The period's changes, newest first, each with the status before it. */
    List<Transition> transitions(StaffQuery q) throws Exception {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        LocalDateTime since = now.minusDays(q.days());
        // read back to max-days so the first change of the period still finds the one before it
        List<RecentStatusChanges.Change> all = changes.between(now.minusDays(maxDays), now.plusSeconds(1), readRows);
        Map<String, String> last = new HashMap<>();
        List<Transition> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            RecentStatusChanges.Change c = all.get(i);
            String from = last.put(c.cccId(), c.status());
            if (!c.changedAt().isBefore(since)) {
                out.add(0, new Transition(c, from, policy.isDocumented(from, c.status())));
            }
        }
        return out;
    }

    @Override
    public StaffTable table(StaffQuery q) throws Exception {
        StaffTable.Builder table = new StaffTable.Builder(q.csv() ? readRows : pageRows)
                .column("cccid", "CCCID").column("from_status", "From").column("to_status", "To")
                .column("changed_at_utc", "Changed (UTC)").column("documented", "Documented transition")
                .column("sources", "Seen in");
        for (Transition t : transitions(q)) {
            if ((q.status() == null || q.status().equals(t.change().status())) && q.matchesCccId(t.change().cccId())
                    && !table.row(t.change().cccId(), t.from() == null ? "" : t.from(), t.change().status(),
                    t.change().changedAt().toString().replace('T', ' '), t.documented() ? "yes" : "NO",
                    String.join(" + ", t.change().sources()))) {
                break;
            }
        }
        return table.build();
    }

    @Override
    public String html(StaffQuery q, StaffTable table) throws Exception {
        StringBuilder h = StaffLayout.open(title(), "/staff/changes", q.user());
        StaffPage.filters(h, name(), q, true, true, "Last days");
        h.append("<section><h2>Changes per day by target status</h2><div class=\"charts\">");
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<LocalDate> days = new ArrayList<>();
        for (int d = q.days() - 1; d >= 0; d--) {
            days.add(today.minusDays(d));
        }
        Map<LocalDate, Map<String, Long>> perDay = new TreeMap<>();
        for (Transition t : transitions(q)) {
            if (q.matchesCccId(t.change().cccId()) && (q.status() == null || q.status().equals(t.change().status()))) {
                perDay.computeIfAbsent(t.change().changedAt().toLocalDate(), d -> new TreeMap<>()).merge(t.change().status(), 1L, Long::sum);
            }
        }
        SvgBarChart.render(h, "changes-chart", "Status changes per day (UTC), by target status", days, perDay,
                org.sisbridge.dictionary.IdmeStatus.VALUES.stream().sorted().toList());
        h.append("</div></section><section><h2>Changes</h2><p class=\"how\">Every change of a student's ID.me status in the last ")
                .append(q.days()).append(" days, newest first, from the events feed and the status change reports together (a")
                .append(" change that arrived by both is listed once). <b>From</b> is the student's previous change staged in the last ")
                .append(maxDays).append(" days (empty: none, which counts as never verified). <b>Documented</b> says whether the")
                .append(" college's policy (sisbridge.transitions.valid) lists that transition.</p>");
        table.html(h, "changes", "No status change in this period matches.");
        return StaffLayout.close(h.append("</section>"));
    }
}
