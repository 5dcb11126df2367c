package org.sisbridge.reports;

import java.time.LocalDate;

/**
 * What identifies one report version and where it came from. A report from the listing carries
 * its period and MIS code; a dropped file has only its name and content hash (the rest is null).
 *
 * @param source "upstream" or "drop"
 */
public record ReportIdentity(String reportId, String sha256, String misCode, String period, LocalDate periodStart,
                             LocalDate periodEnd, String source) {

    public static final String UPSTREAM = "upstream";
    public static final String DROP = "drop";
}
