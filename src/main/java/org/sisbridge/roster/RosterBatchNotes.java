package org.sisbridge.roster;

import java.util.ArrayList;
import java.util.List;
import org.sisbridge.dictionary.RejectReason;

/**
 * What happened to a roster batch beyond its plain settlement, one sentence per problem: what, how many
 * students, and what staff do about it. The same sentence is the WARN line and the batch row's
 * {@code last_error}, which the status page and {@code status} list under "Roster batches to look at"
 * (project rule: every failure is one clear line and a state). Counts and ids only, never student data.
 */
final class RosterBatchNotes {

    /** What to do about students the SIS took back from a batch in flight. */
    static final String TAKEN_BACK_TO_DO = "Nothing to do unless the SIS still wants a CCCID for them: then set their outbox"
            + " status back to PENDING, and upstream matches them to any account it made, creating no second one";

    private final List<String> notes = new ArrayList<>();

    /** Results for students no longer SENT in the batch (the SIS held, deleted or queued them again in flight). */
    void resultsForTakenBack(int students, long withCccid) {
        if (students > 0) {
            notes.add("upstream answered for " + students + " student(s) the batch no longer holds as SENT, " + withCccid
                    + " of them with a CCCID (the SIS changed or deleted their outbox rows while the batch was in flight);"
                    + " those results are not recorded. " + TAKEN_BACK_TO_DO);
        }
    }

    /** Results that could not be stored: those students are ERROR with {@link RejectReason#UPSTREAM_RESULT_INVALID}. */
    void invalidResults(int students) {
        if (students > 0) {
            notes.add(students + " result(s) from upstream could not be stored (" + RejectReason.UPSTREAM_RESULT_INVALID.name()
                    + "); those students are ERROR, each with its reason on /staff/roster, and the others settled. "
                    + RejectReason.UPSTREAM_RESULT_INVALID.hint());
        }
    }

    /** Students the finished job carried no result for: sent again, or ERROR after max-attempts. */
    void missingResults(int students, int ended, int maxAttempts) {
        if (students > 0) {
            notes.add("upstream's results carried no entry for " + students + " student(s); " + (students - ended)
                    + " sent again in a later batch, " + ended + " ERROR (" + RejectReason.UPSTREAM_RESULT_MISSING.name()
                    + ") after sisbridge.roster.max-attempts = " + maxAttempts + ". " + (ended == 0
                    ? "Nothing to do while they are sent again; if it repeats, report it to the upstream provider with the"
                    + " batch and job id."
                    : RejectReason.UPSTREAM_RESULT_MISSING.hint()));
        }
    }

    List<String> sentences() {
        return List.copyOf(notes);
    }

    /** All of them as the batch row's note, or null when the batch settled the plain way. */
    String joined() {
        return notes.isEmpty() ? null : String.join(" | ", notes);
    }
}
