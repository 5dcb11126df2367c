package org.sisbridge.roster;

/** A batch recorded in cccid_batch and not settled yet; jobId is null until upstream accepted it. */
public record OpenBatch(String batchId, String misCode, String jobId, int studentCount) {

    public boolean submitted() {
        return jobId != null;
    }
}
