package org.sisbridge.roster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sisbridge.staging.BatchCounts;

/**
 * What one run of the SIS source query did for one college: rows read; students newly queued;
 * queued again because their fields changed after a REJECTED or ERROR outcome; already queued (PENDING,
 * SENT, DONE, or REJECTED with the same fields); rejected (queued as REJECTED by the validator, or a
 * row with no usable local id); and read after the run's cap was reached, left for the next run.
 */
public record RosterSourceCounts(long read, long enqueued, long reEnqueued, long alreadyQueued, long rejected,
                                 long skippedByCap) {

    public static final RosterSourceCounts NONE = new RosterSourceCounts(0, 0, 0, 0, 0, 0);

    /** The scope suffixes of {@link #detailsByScope}, as the status page and {@code status} show them. */
    public static final String RE_SENT = "re-sent after a change";
    public static final String HELD_BACK = "held back by the cap";

    public RosterSourceCounts plus(RosterSourceCounts o) {
        return new RosterSourceCounts(read + o.read, enqueued + o.enqueued, reEnqueued + o.reEnqueued,
                alreadyQueued + o.alreadyQueued, rejected + o.rejected, skippedByCap + o.skippedByCap);
    }

    /** Students that entered the outbox in this run (what the cap counts). */
    public long entered() {
        return enqueued + reEnqueued;
    }

    /** As the status page and the flow-run table count a run: received, stored, duplicates, rejected. */
    public BatchCounts asBatchCounts() {
        return new BatchCounts(read, entered(), alreadyQueued, rejected);
    }

    /**
     * The two counts the four columns above cannot hold, each as a run row of its own whose scope names
     * it (the flow-run table has no column for them, and a row of its own needs no migration): students
     * queued again after a change (received = stored = that many), and rows held back by the cap
     * (received that many, stored none: the next run takes them). Written on every run, zeros included,
     * so a figure never outlives the run it belongs to.
     */
    public Map<String, BatchCounts> detailsByScope(String misCode) {
        Map<String, BatchCounts> details = new LinkedHashMap<>();
        details.put(misCode + " " + RE_SENT, new BatchCounts(reEnqueued, reEnqueued, 0, 0));
        details.put(misCode + " " + HELD_BACK, new BatchCounts(skippedByCap, 0, 0, 0));
        return details;
    }
}
