package org.sisbridge.simulator;

/**
 * One event of the feed as served, plus what the simulator knows about it: its anomaly and the
 * values it put into the payload (for a malformed payload, the values it would have carried).
 */
public record SimulatedEvent(long index, String eventId, String eventType, String eventTimestamp, String misCode,
                             String eventPayload, EventAnomaly anomaly, String cccid, String firstName,
                             String lastName, String email, String idmeStatus, String previousIdmeStatus) {
}
