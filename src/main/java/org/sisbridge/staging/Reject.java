package org.sisbridge.staging;

import org.sisbridge.dictionary.RejectReason;

/**
 * A record the agent could not stage: where it came from, a key that identifies it within its
 * source (so a redelivered bad record is kept once), the raw input as received, and why.
 *
 * @param sourceRef  the report, file or batch the record came in; null when the key says it all
 * @param lineNumber its line within that source; null when it has none
 * @param detail     what exactly was wrong (field name, length, value form), never student data
 */
public record Reject(String source, String recordKey, String sourceRef, Long lineNumber, String rawInput,
                     RejectReason reason, String detail) {

    public Reject(String source, String recordKey, String rawInput, RejectReason reason, String detail) {
        this(source, recordKey, null, null, rawInput, reason, detail);
    }

    /** The sentence stored in the reason column: what was wrong, then what to do about it. */
    public String describe() {
        return reason.meaning() + " " + detail + ". " + reason.hint();
    }
}
