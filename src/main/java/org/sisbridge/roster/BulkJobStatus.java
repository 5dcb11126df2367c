package org.sisbridge.roster;

import java.util.List;

/** A bulk job as upstream reported it; results only when COMPLETE, error only when FAILED. */
public record BulkJobStatus(String jobId, String status, List<StudentResult> results, String error) {

    public boolean finished() {
        return "COMPLETE".equals(status) || "FAILED".equals(status);
    }
}
