package org.sisbridge.dictionary;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The data dictionary's "Date with UTC" form, 24 characters: {@code 2024-01-15T18:22:03.123Z}.
 * Parsed strictly (no lenient dates such as February 30th) and returned as UTC wall-clock time,
 * which is how the staging tables store timestamps on every database.
 */
public final class UtcTimestamp {

    public static final int LENGTH = 24;
    private static final DateTimeFormatter FORM =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withResolverStyle(ResolverStyle.STRICT);

    private UtcTimestamp() {
    }

    public static Optional<LocalDateTime> parse(String value) {
        if (value == null || value.length() != LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value, FORM));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(Instant instant) {
        return FORM.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
