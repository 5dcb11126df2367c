package org.sisbridge.reports;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * The report's "date time, 16" form, {@code yyyy-MM-dd HH:mm} in UTC. Parsed by hand and strictly
 * (no February 30th): a million-row report has five timestamps a row, and a formatter costs more
 * than the database insert.
 */
public final class ReportTimestamp {

    public static final int LENGTH = 16;

    private ReportTimestamp() {
    }

    /** @return the timestamp, or null when the text is not in the form */
    public static LocalDateTime parse(String text) {
        if (text == null || text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != ' ' || text.charAt(13) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute);
        } catch (DateTimeException e) {
            return null;
        }
    }

    public static String format(LocalDateTime t) {
        return String.format("%04d-%02d-%02d %02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute());
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
