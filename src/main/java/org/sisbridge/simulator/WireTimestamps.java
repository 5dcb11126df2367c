package org.sisbridge.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The contract's 24-character UTC form, e.g. 2024-01-15T18:22:03.123Z (Instant.toString drops zero millis). */
final class WireTimestamps {
    static final Instant FEED_START = Instant.parse("2024-01-01T00:00:00.000Z");
    /** Staff-created accounts were verified some time in the year before the feed starts. */
    static final Instant STAFF_ERA_START = Instant.parse("2023-01-01T00:00:00.000Z");
    static final long EVENT_SPACING_MILLIS = 37_000;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireTimestamps() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** When event index i happened, before its jitter. */
    static Instant slot(long index) {
        return FEED_START.plusMillis(index * EVENT_SPACING_MILLIS);
    }
}
