package org.sisbridge.reports;

import java.util.EnumMap;
import java.util.Map;
import org.sisbridge.dictionary.RejectReason;

/**
 * Running totals of the reports flow since start-up, for the log, the demo and the tests. Counted
 * after a report's last commit, so the totals never count rolled-back work.
 */
public class ReportsFlowStatistics {

    private long loaded;
    private long alreadyLoaded;
    private long refused;
    private long rows;
    private long rowsNew;
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

    public synchronized void record(ReportOutcome outcome) {
        switch (outcome.status()) {
            case LOADED -> {
                loaded++;
                rows += outcome.rows();
                rowsNew += outcome.rowsNew();
                outcome.rejected().forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
            }
            case ALREADY_LOADED -> alreadyLoaded++;
            case REFUSED -> refused++;
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(loaded, alreadyLoaded, refused, rows, rowsNew, new EnumMap<>(rejected));
    }

    /** @param refused reports refused as a whole: sha256 or row count mismatch, cut-off download, not a report */
    public record Snapshot(long loaded, long alreadyLoaded, long refused, long rows, long rowsNew,
                           Map<RejectReason, Long> rejected) {
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
