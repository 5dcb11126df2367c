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
    UNKNOWN_EVENT_TYPE("The eventType is not a documented one and sisbridge.events.unknown-event-type=reject.", "Set sisbridge.events.unknown-event-type=store to accept it, then replay."),
    // roster students (bulk CCCID creation): checked before anything leaves the college
    STUDENT_FIELD_MISSING("A required student field is empty (local_id, first_name, last_name, birth_date, e-mail).", "Fill it in the SIS or the roster file and queue the student again."),
    STUDENT_FIELD_TOO_LONG("A student field is longer than the account form allows.", "Shorten it in the SIS or the roster file and queue the student again."),
    INVALID_LOCAL_ID("The local_id is in scientific notation (1.23457E+11): a spreadsheet shortened a long number, and its digits are lost.", "Format the local_id column as Text, export the roster again and drop it (or correct the SIS value)."),
    INVALID_NAME("A name contains digits.", "Correct the legal name in the SIS or the roster file and queue the student again."),
    UNUSABLE_CHARACTER("A field holds U+FFFD or a name holds '?' (a letter lost by a wrong encoding), or a field holds a control character (tab, line break, NUL).", "Save the roster as \"CSV UTF-8\" and drop it again, or correct the SIS value and queue the student again, so that the letter is there."),
    INVALID_BIRTH_DATE("The birth date is not a real calendar date (yyyy-MM-dd, or in a roster file also M/d/yyyy or yyyy/MM/dd, a time after it only as 00:00:00).", "Correct the birth date and queue the student again."),
    IMPLAUSIBLE_AGE("The birth date gives an age outside sisbridge.roster.min-age..max-age.", "Check the birth date (a year typed wrong is common) and queue the student again."),
    INVALID_EMAIL("The e-mail cannot receive the account's mail: not an RFC 5321 address, or a form refused for accounts (quoted, an IP address, letters outside ASCII before the @, a reserved domain such as .invalid); the reason says which.", "Correct the e-mail and queue the student again."),
    INVALID_PHONE("The phone is not a number of 10 to 15 digits (spaces, dashes, dots, brackets and a leading + allowed).", "Correct or clear the phone and queue the student again."),
    INVALID_POSTAL_CODE("The postal code is not a US ZIP code (12345 or 12345-6789).", "Correct or clear the postal code and queue the student again."),
    ROSTER_LINE_TOO_LONG("The roster file line is longer than sisbridge.roster.max-line-chars.", "Fix the line (split the record, or remove what does not belong in it) and drop a file with the corrected students."),
    UNREADABLE_ROSTER_LINE("The roster file line cannot be read as CSV with the header's columns.", "Fix the line (look for an unquoted comma or quote) and drop a file with the corrected students."),
    UPSTREAM_REJECTED("The upstream account service rejected the student's fields.", "Correct the fields named in the errors and queue the student again."),
    UPSTREAM_RESULT_INVALID("The upstream answered for the student with a CCCID not in the CCCID form, an unknown outcome, or a field longer than the data dictionary allows; nothing of the answer was stored.", "Report it to the upstream provider with the batch and job id; once corrected upstream, set the row back to PENDING with attempts 0."),
    UPSTREAM_RESULT_MISSING("The upstream's finished job carried no result for the student, every time it was sent (sisbridge.roster.max-attempts).", "Report it to the upstream provider with the batch and job id; then set the row back to PENDING with attempts 0."),
    UPSTREAM_JOB_FAILED("The upstream bulk job failed every time the student was sent (sisbridge.roster.max-attempts).", "Check the upstream service's status, then set the row back to PENDING with attempts 0."),
    // status change reports (CSV rows)
    WRONG_FIELD_COUNT("The report row does not have as many fields as the header.", "Report it to the upstream provider; look for an unquoted comma in the raw row."),
    INVALID_REPORT_TIMESTAMP("A report timestamp is not in the report form yyyy-MM-dd HH:mm (UTC).", "Report it to the upstream provider; a file edited in a spreadsheet often changes the form, so load the original."),
    NO_PREVIOUS_STATUS("latest_app_idme_workflow_status is empty, but the report only lists applications that had a status.", "Report it to the upstream provider."),
    INVALID_APPLICATION_ID("latest_app_id is not a number of 1 to 16 digits.", "Report it to the upstream provider; a spreadsheet may have turned it into 1.23E+15, so load the original file.");

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
