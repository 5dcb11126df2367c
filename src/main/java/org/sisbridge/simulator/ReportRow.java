package org.sisbridge.simulator;

/**
 * One row of a simulated report: the 11 contract columns as text, in the contract's order, plus
 * what the simulator knows about it (the event it agrees with, and its anomaly).
 */
public record ReportRow(long eventIndex, ReportRowAnomaly anomaly, String misCode, String cccid, String latestAppId,
                        String latestAppSubmitted, String previousStatus, String previousOptin,
                        String previousConfirmation, String currentStatus, String currentOptin,
                        String currentConfirmation, String changedAt) {

    /** The values in the contract's column order. */
    public String[] values() {
        return new String[] {misCode, cccid, latestAppId, latestAppSubmitted, previousStatus, previousOptin,
                previousConfirmation, currentStatus, currentOptin, currentConfirmation, changedAt};
    }
}
