package org.sisbridge.dictionary;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
        // read by position rather than by the formatter: every event and report row has one or two of
        // these, and the formatter's parse (a field map, then resolving it) was a visible share of the
        // checks' time. The same strictness: ASCII digits, these separators, and a date that exists.
        if (value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T' || value.charAt(13) != ':'
                || value.charAt(16) != ':' || value.charAt(19) != '.' || value.charAt(23) != 'Z') {
            return Optional.empty();
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        int millis = digits(value, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The number the {@code count} ASCII digits at {@code from} spell, or -1 if one is not a digit. */
    private static int digits(String value, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    public static String format(Instant instant) {
        return FORM.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
