package org.sisbridge.simulator;

import java.time.Instant;

/** One events-API request as the simulator saw it; query is the raw query string ("" when none). */
public record RequestRecord(Instant receivedAt, int status, String query) {
}
