package org.sisbridge.reports;

import java.time.LocalDateTime;

/**
 * A validated report row in the data dictionary's canonical fields. {@code rowKey} is the natural
 * key within the MIS code: ccc_id, latest_app_id and the change timestamp.
 */
public record StatusChangeRow(String misCode, String rowKey, String cccid, long latestAppId,
                              LocalDateTime latestAppSubmitted, String previousStatus, LocalDateTime previousOptin,
                              LocalDateTime previousConfirmation, String currentStatus, LocalDateTime currentOptin,
                              LocalDateTime currentConfirmation, LocalDateTime changedAt, boolean transitionValid,
                              long lineNumber) {

    /**
     * The key text. A row without a change timestamp still needs a key that a re-load finds again;
     * its current status stands in for the timestamp, so the same change re-reported stays one row
     * while two different changes of one application do not collapse into one.
     */
    static String key(String cccid, long latestAppId, LocalDateTime changedAt, String currentStatus) {
        String when = changedAt == null ? "no-change-timestamp:" + currentStatus : ReportTimestamp.format(changedAt);
        return cccid + "|" + latestAppId + "|" + when;
    }
}
