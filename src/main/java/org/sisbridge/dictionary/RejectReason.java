package org.sisbridge.dictionary;

/**
 * Why a record was rejected. The code is stable (queries and dashboards group by it); the hint
 * tells the person reading {@code sisbridge_reject} what to do about it.
 */
public enum RejectReason {
    NOT_AN_OBJECT("The record is not a JSON object.", "Report it to the upstream provider with the record's raw input."),
    MISSING_FIELD("A required field is missing or empty.", "Report it to the upstream provider; the record cannot be staged without it."),
    WRONG_TYPE("A field holds a JSON object or array where the dictionary expects a text value.", "Report it to the upstream provider."),
    FIELD_TOO_LONG("A field is longer than the data dictionary allows.", "Report it to the upstream provider, or widen the limit if the dictionary changed."),
    PAYLOAD_NOT_JSON("eventPayload is not a valid JSON document.", "Report it to the upstream provider; replay the record once it is corrected."),
    PAYLOAD_TOO_LONG("eventPayload is longer than 2000 characters.", "Report it to the upstream provider."),
    INVALID_CCCID("The CCCID does not have the CCCID form (3 letters without I/O, 4 digits 0001-9999, optional 8th character).", "Check the student's CCCID with the upstream provider."),
    INVALID_MIS_CODE("The MIS code is not 3 digits or upper-case letters.", "Report it to the upstream provider."),
    MIS_CODE_NOT_CONFIGURED("The MIS code is not one this agent acts for (sisbridge.mis-codes).", "Add the MIS code to sisbridge.mis-codes if this college is yours, then replay; otherwise report it upstream."),
    INVALID_TIMESTAMP("A timestamp is not in the dictionary's UTC form yyyy-MM-ddTHH:mm:ss.SSSZ.", "Report it to the upstream provider."),
    UNKNOWN_STATUS("An ID.me status is not one of verified, staff_verified, unverified, expired.", "Report it upstream, or add the value to the transition table if the dictionary changed."),
    UNKNOWN_EVENT_TYPE("The eventType is not a documented one and sisbridge.events.unknown-event-type=reject.", "Set sisbridge.events.unknown-event-type=store to accept it, then replay.");

    private final String meaning;
    private final String hint;

    RejectReason(String meaning, String hint) {
        this.meaning = meaning;
        this.hint = hint;
    }

    public String meaning() {
        return meaning;
    }

    public String hint() {
        return hint;
    }
}
