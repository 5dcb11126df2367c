package org.sisbridge.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When the digest is due: once a day from sisbridge.digest.send-at in sisbridge.digest.zone. Each
 * day's digest covers the 24 hours that end at that day's send time, whenever it is actually sent
 * (an agent started at noon still sends the morning's digest, and the next one starts where it
 * ended), so no change is in two digests or in none.
 */
public record DigestSchedule(LocalTime sendAt, ZoneId zone, Duration retryAfter) {

    /** @return the day whose digest is due at that instant, or null before today's send time */
    public LocalDate dueDay(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        return local.toLocalTime().isBefore(sendAt) ? null : local.toLocalDate();
    }

    /** The end of the day's period, as UTC wall-clock time (the staging tables' time). */
    public LocalDateTime until(LocalDate day) {
        return LocalDateTime.ofInstant(day.atTime(sendAt).atZone(zone).toInstant(), ZoneOffset.UTC);
    }

    public LocalDateTime from(LocalDate day) {
        return until(day.minusDays(1));
    }
}
