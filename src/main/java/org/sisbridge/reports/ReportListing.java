package org.sisbridge.reports;

import java.time.LocalDate;

/** One entry of the upstream report listing (contract section 2). */
public record ReportListing(String reportId, String period, LocalDate periodStart, LocalDate periodEnd,
                            long rowCount, String sha256, String href) {

    public ReportIdentity identity(String misCode) {
        return new ReportIdentity(reportId, sha256, misCode, period, periodStart, periodEnd, ReportIdentity.UPSTREAM);
    }
}
