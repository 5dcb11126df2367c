package org.sisbridge.reconcile;

import java.util.List;

/**
 * What one reconciliation found for one student the SIS lists with a CCCID. SHARED_CCCID wins over the
 * others: it is decided once every batch of the run is in (see {@link ReconcileTable#markShared}).
 */
public enum ReconcileOutcome {
    /** upstream matched the student to the CCCID the SIS has */
    AGREE,
    /** upstream matched the student to another CCCID than the SIS has */
    DIFFERS,
    /** two local ids of the run share one CCCID, in the SIS or in upstream's matches */
    SHARED_CCCID,
    /** upstream knows no such person */
    UNKNOWN_UPSTREAM,
    /** upstream refused the student's fields (reason says which), so nothing could be compared */
    REJECTED;

    /** The outcomes Admissions &amp; Records has to look at (status page, CSV). */
    public static final List<ReconcileOutcome> CONFLICTS = List.of(DIFFERS, SHARED_CCCID, UNKNOWN_UPSTREAM);
}
