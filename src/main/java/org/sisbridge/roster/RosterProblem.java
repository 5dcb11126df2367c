package org.sisbridge.roster;

import org.sisbridge.dictionary.RejectReason;

/** Why a student cannot be sent: a stable code and a detail that names the field, never its value. */
public record RosterProblem(RejectReason reason, String detail) {

    /** The sentence stored in status_reason: what is wrong, then what to do about it. */
    public String describe() {
        return reason.meaning() + " " + detail + ". " + reason.hint();
    }
}
