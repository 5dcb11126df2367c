package org.sisbridge.reconcile;

/** One outcome of one student in one run, as cccid_reconcile keeps it: identifiers only, no personal data. */
public record ReconcileRow(String localId, String sisCccId, String upstreamCccId, ReconcileOutcome outcome,
                           String matchedOn, String reason) {
}
