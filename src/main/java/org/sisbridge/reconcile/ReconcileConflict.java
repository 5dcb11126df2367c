package org.sisbridge.reconcile;

import java.time.Instant;

/** A conflict of a college's latest reconciliation, as the status page, the status command and the CSV show it. */
public record ReconcileConflict(String misCode, String localId, String sisCccId, String upstreamCccId, String outcome,
                                String matchedOn, String reason, Instant checkedAt) {
}
