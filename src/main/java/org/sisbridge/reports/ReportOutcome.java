package org.sisbridge.reports;

import java.util.Map;
import org.sisbridge.dictionary.RejectReason;

/**
 * What handling one report did. {@code rowsNew} counts rows inserted by this load; rows already
 * staged (by an earlier, interrupted load or another report) make up the rest of {@code rowsValid}.
 */
public record ReportOutcome(String reportId, String source, Status status, long rows, long rowsValid, long rowsNew,
                            Map<RejectReason, Long> rejected, String message) {

    public enum Status { LOADED, ALREADY_LOADED, REFUSED }

    public static ReportOutcome refused(String reportId, String source, String why) {
        return new ReportOutcome(reportId, source, Status.REFUSED, 0, 0, 0, Map.of(), why);
    }

    public static ReportOutcome alreadyLoaded(String reportId, String source, String why) {
        return new ReportOutcome(reportId, source, Status.ALREADY_LOADED, 0, 0, 0, Map.of(), why);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
