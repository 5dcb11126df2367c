package org.sisbridge.simulator;

/**
 * Each student's sequence of ID.me status changes, walked from the start: step k is a pure
 * function of (seed, student, k). Students change status only a handful of times over a feed, so
 * walking k steps per event is cheap and needs no memory.
 *
 * <p>The history depends on the student, not on the MIS code, so sister colleges that share a
 * student see the same statuses. {@code expired} has no documented way out; a student who expired
 * comes back as a new identity record (never verified -> verified) so that normal events always
 * carry a documented transition.
 */
final class StatusHistory {
    /** Share of students whose account staff created, so their history starts at staff_verified. */
    private static final double STAFF_CREATED_SHARE = 0.15;

    private final long seed;

    StatusHistory(long seed) {
        this.seed = seed;
    }

    StatusChange change(long student, long k) {
        boolean staffCreated = FeedHash.unit(FeedHash.of(seed, FeedHash.STUDENT_START, student)) < STAFF_CREATED_SHARE;
        String state = staffCreated ? DocumentedTransitions.STAFF_VERIFIED : null;
        long confirmedAt = -1;
        StatusChange last = null;
        for (long step = 0; step <= k; step++) {
            String previous = DocumentedTransitions.EXPIRED.equals(state) ? null : state;
            var choices = DocumentedTransitions.nextFrom(previous);
            long h = FeedHash.of(seed, FeedHash.STUDENT_STEP, student, step);
            String next = choices.get((int) Long.remainderUnsigned(h, choices.size()));
            if (DocumentedTransitions.VERIFIED.equals(next)) {
                confirmedAt = step;
            }
            last = new StatusChange(previous, next, confirmedAt);
            state = next;
        }
        return last;
    }
}
