package org.sisbridge.events;

import org.sisbridge.staging.Reject;

/** The verdict on one raw event: staged as an {@link IdmeEvent}, or rejected with a reason. */
public sealed interface EventCheck {

    record Accepted(IdmeEvent event) implements EventCheck {
    }

    record Rejected(Reject reject) implements EventCheck {
    }
}
