package org.sisbridge.check.deep;

import java.util.List;
import org.sisbridge.reports.ReportIdentity;
import org.sisbridge.reports.ReportLoadTable;
import org.sisbridge.reports.StatusChangeRow;
import org.sisbridge.reports.StatusChangeTable;

/** The reports flows' statements: the rows' lookup and insert, the load row's check and insert, a replay's recount. */
final class ReportsProbe {

    private static final String FLOW = "reports";
    /** A sha256 of the right form (64 hex digits) that no real report has. */
    private static final String SHA256 = "0".repeat(64);

    private ReportsProbe() {
    }

    static void run(ProbeContext p) {
        StatusChangeTable rows = new StatusChangeTable(p.mapping().table("idme_status_change"));
        String reportId = ProbeContext.MARK + "-report";
        StatusChangeRow row = new StatusChangeRow(p.misCode(), ProbeContext.MARK + "-row", ProbeContext.CCCID, 1L,
                p.now(), "unverified", p.now(), null, "verified", p.now(), p.now(), p.now(), true, 1L);
        p.steps().run(FLOW, "row lookup and insert into " + rows.table(), () -> {
            if (rows.insertNew(p.connection(), List.of(row), reportId, p.now()) != 1) {
                throw ProbeSteps.unexpected("the new row was taken for one already staged");
            }
            if (rows.insertNew(p.connection(), List.of(row), reportId, p.now()) != 0) {
                throw ProbeSteps.unexpected("the row just inserted was not found again; a report loaded twice would be staged twice");
            }
            return true;
        });
        ReportLoadTable loads = new ReportLoadTable(p.dataSource(), p.mapping().table("sisbridge_report_load"));
        ReportIdentity report = new ReportIdentity(reportId, SHA256, p.misCode(), "daily", p.now().toLocalDate(),
                p.now().toLocalDate(), ReportIdentity.UPSTREAM);
        Object recorded = p.steps().run(FLOW, "load row check and insert into "
                + p.mapping().table("sisbridge_report_load").table(), () -> {
            loads.record(p.connection(), report, 1, 1, p.now());
            return true;
        });
        if (recorded != null) {
            p.steps().run(FLOW, "load row recount after a replayed row", () -> {
                loads.countReplayedRow(p.connection(), reportId);
                return true;
            });
        }
    }
}
