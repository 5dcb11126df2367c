package org.sisbridge.roster;

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
}
