package org.sisbridge.staff.pages;

import javax.sql.DataSource;
import org.sisbridge.reconcile.ReconcileTable;
import org.sisbridge.staging.dialect.StagingDialect;

/** The conflicts of each college's latest complete reconciliation run ({@link ReconcileTable#conflicts}). */
public final class ConflictsPage implements StaffPage {

    private final DataSource dataSource;
    private final StagingDialect dialect;
    private final int pageRows;
    private final int readRows;

    public ConflictsPage(DataSource dataSource, StagingDialect dialect, int pageRows, int readRows) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.pageRows = pageRows;
        this.readRows = readRows;
    }

    @Override
    public String name() {
        return "conflicts";
    }

    @Override
    public String title() {
        return "Reconciliation conflicts";
    }

    @Override
    public int defaultDays() {
        return 1;
    }

    @Override
    public int maxDays() {
        return 1;
    }

    @Override
    public StaffTable table(StaffQuery q) throws Exception {
        int cap = q.csv() ? readRows : pageRows;
        StaffTable.Builder table = new StaffTable.Builder(cap)
                .column("mis_code", "MIS").column("local_id", "Local id").column("sis_ccc_id", "CCCID in the SIS")
                .column("upstream_ccc_id", "CCCID upstream").column("outcome", "Outcome").column("matched_on", "Matched on")
                .column("reason", "Reason").column("checked_at_utc", "Checked (UTC)");
        try (java.sql.Connection c = dataSource.getConnection()) {
            for (String run : ReconcileTable.latestCompleteRuns(c)) {
                ReconcileTable.conflicts(c, run, cap + 1, dialect, r -> {
                    if (q.matchesCccId(r.sisCccId()) || q.matchesCccId(r.upstreamCccId())) {
                        table.row(r.misCode(), r.localId(), r.sisCccId(), r.upstreamCccId(), r.outcome(), r.matchedOn(), r.reason(),
                                r.checkedAt() == null ? "" : r.checkedAt().toString().replace('T', ' ').replace("Z", ""));
                    }
                });
            }
        }
        return table.build();
    }

    @Override
    public String html(StaffQuery q, StaffTable table) {
        StringBuilder h = StaffLayout.open(title(), "/staff/conflicts", q.user());
        StaffPage.filters(h, name(), q, false, true, null);
        h.append("<section><h2>Conflicts of the latest reconciliation</h2><p class=\"how\">For each college, its latest complete")
                .append(" reconciliation run: students whose CCCID in the SIS differs from upstream's (DIFFERS), whose CCCID another")
                .append(" student also holds (SHARED_CCCID), or whose CCCID upstream does not know (UNKNOWN_UPSTREAM).</p>");
        table.html(h, "conflicts", "No conflict in the latest reconciliation (or none has run yet).");
        return StaffLayout.close(h.append("</section>"));
    }
}
