package org.sisbridge.rejects;

import org.sisbridge.staging.Reject;

/** What replaying one reject did: staged it (new, or already there), or found it still wrong. */
public sealed interface ReplayOutcome {

    /** Written to staging now ({@code duplicate}: it was there already, nothing written twice). */
    record Staged(String what, boolean duplicate) implements ReplayOutcome {
    }

    /** Still not stageable: the reject stays, with this reason. */
    record StillRejected(Reject reject) implements ReplayOutcome {
    }

    /** The stored input cannot be replayed at all (nothing changes): why. */
    record NotReplayable(String why) implements ReplayOutcome {
    }
}
