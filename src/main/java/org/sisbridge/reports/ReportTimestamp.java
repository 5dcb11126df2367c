package org.sisbridge.reports;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The report's "date time, 16" form, {@code yyyy-MM-dd HH:mm} in UTC. Parsed by hand and strictly
 * (no February 30th): a million-row report has five timestamps a row, and a formatter costs more
 * than the database insert.
 */
public final class ReportTimestamp {

    public static final int LENGTH = 16;
    private static final int FIRST_KEPT_YEAR = 2000;
    private static final int KEPT_YEARS = 100;
    private static final LocalDate[] DAYS = new LocalDate[KEPT_YEARS * 12 * 31];
    /** Every minute of a day: LocalTime.of makes a new one for any but a full hour. */
    private static final LocalTime[] MINUTES = new LocalTime[24 * 60];

    static {
        for (int i = 0; i < MINUTES.length; i++) {
            MINUTES[i] = LocalTime.of(i / 60, i % 60);
        }
    }

    private ReportTimestamp() {
    }

    /**
     * @return the timestamp, or null when the text is not in the form. The form has minutes; a seconds field of
     *         {@code :00} after them is the same minute, as LibreOffice writes a report it opened back to CSV
     *         ("2024-01-01 00:01:00"): read as that minute, so the row keeps its key and a copy of a report loads
     *         as the report. Any other seconds are no report's.
     */
    public static LocalDateTime parse(String text) {
        if (text == null || (text.length() != LENGTH && !zeroSecondsAfterTheMinute(text)) || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != ' ' || text.charAt(13) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || hour > 23 || minute > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(date(year, month, day), MINUTES[hour * 60 + minute]);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean zeroSecondsAfterTheMinute(String text) {
        return text.length() == LENGTH + 3 && text.charAt(LENGTH) == ':' && text.charAt(LENGTH + 1) == '0'
                && text.charAt(LENGTH + 2) == '0';
    }

    /**
     * The day, made once per day and kept: a report's rows fall on few days, and a new LocalDate with
     * its range checks for each of a row's five timestamps showed in the load's profile. Days outside
     * the kept years are made each time. The array is read and written without a lock: a LocalDate
     * is immutable, so a thread either sees one (the same as it would make) or makes it itself.
     */
    private static LocalDate date(int year, int month, int day) {
        if (year < FIRST_KEPT_YEAR || year >= FIRST_KEPT_YEAR + KEPT_YEARS || month < 1 || month > 12 || day < 1 || day > 31) {
            return LocalDate.of(year, month, day);
        }
        int at = ((year - FIRST_KEPT_YEAR) * 12 + month - 1) * 31 + day - 1;
        LocalDate date = DAYS[at];
        if (date == null) {
            date = LocalDate.of(year, month, day); // February 30th throws here, so is never kept
            DAYS[at] = date;
        }
        return date;
    }

    /**
     * The timestamp in the form, seconds dropped. Written by hand: it is in every row's key, and
     * {@code String.format} parsing its pattern and looking up the locale's digits each time was a
     * sixth of checking a row.
     */
    public static String format(LocalDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            // never from parse; the general form keeps what a wider year has always looked like
            return String.format("%04d-%02d-%02d %02d:%02d", year, t.getMonthValue(), t.getDayOfMonth(),
                    t.getHour(), t.getMinute());
        }
        byte[] text = {0, 0, 0, 0, '-', 0, 0, '-', 0, 0, ' ', 0, 0, ':', 0, 0};
        put(text, 0, 4, year);
        put(text, 5, 7, t.getMonthValue());
        put(text, 8, 10, t.getDayOfMonth());
        put(text, 11, 13, t.getHour());
        put(text, 14, 16, t.getMinute());
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** Writes the value's decimal digits into text[from, to), zero-padded on the left. */
    private static void put(byte[] text, int from, int to, int value) {
        for (int i = to - 1; i >= from; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
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
