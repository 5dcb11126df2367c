package org.sisbridge.staging;

import org.sisbridge.dictionary.RejectReason;

/**
 * A record the agent could not stage: where it came from, a key that identifies it within its
 * source (so a redelivered bad record is kept once), the raw input as received, and why.
 *
 * @param detail what exactly was wrong (field name, length, value form), never student data
 */
public record Reject(String source, String recordKey, String rawInput, RejectReason reason, String detail) {

    /** The sentence stored in the reason column: what was wrong, then what to do about it. */
    public String describe() {
        return reason.meaning() + " " + detail + ". " + reason.hint();
    }
}
