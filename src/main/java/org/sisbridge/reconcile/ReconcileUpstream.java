package org.sisbridge.reconcile;

import org.sisbridge.roster.BulkJobStatus;

/** The two calls of a match-only batch. Null means the call failed for good and was already recorded. */
public interface ReconcileUpstream {

    /** @return upstream's job id for this batch (the same job again for the same batch id), or null */
    String submit(String misCode, String batchId, byte[] body);

    /** @return the job once COMPLETE or FAILED, or null (failed, or still running when the poll budget ran out) */
    BulkJobStatus await(String misCode, String batchId, String jobId);
}
