package org.sisbridge.reports;

import org.sisbridge.staging.Reject;

/** The verdict on one report row: staged as a {@link StatusChangeRow}, or rejected with a reason. */
public sealed interface RowCheck {

    record Accepted(StatusChangeRow row) implements RowCheck {
    }

    record Rejected(Reject reject) implements RowCheck {
    }
}
