package org.sisbridge.simulator;

/** What, if anything, is deliberately wrong with a simulated event. At most one per event. */
public enum EventAnomaly {
    NONE,
    /** eventPayload is not valid JSON (a truncated document). */
    MALFORMED_PAYLOAD,
    /** A name longer than 100 or an e-mail longer than 256 characters; the payload stays valid and under 2000. */
    OVERSIZE_FIELD,
    /** eventType is not one of the documented values. */
    UNKNOWN_EVENT_TYPE,
    /** previous_idme_status -> idme_status is not in the documented table (the status still changes). */
    UNDOCUMENTED_TRANSITION,
    /** cccid does not match [A-HJ-NP-Z]{3}[0-9]{4} with digits 0001-9999. */
    INVALID_CCCID,
    /** The top-level misCode is one this upstream does not serve. */
    WRONG_MIS_CODE
}
