package org.sisbridge.events;

import java.time.LocalDateTime;

/** A validated ID.me status change event, in the data dictionary's canonical fields. */
public record IdmeEvent(String misCode, String eventId, String eventType, LocalDateTime eventTimestamp,
                        String cccid, String firstName, String previousFirstName, String lastName,
                        String previousLastName, String email, String previousEmail, String idmeStatus,
                        String previousIdmeStatus, LocalDateTime idmeConfirmationTimestamp, String eventPayload,
                        boolean transitionValid, boolean documentedEventType) {

    /** The natural key: one event can reach several sister colleges that share one SIS. */
    public String key() {
        return misCode + "/" + eventId;
    }
}
