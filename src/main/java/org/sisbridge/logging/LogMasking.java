package org.sisbridge.logging;

import java.time.LocalDate;
import java.time.Year;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sisbridge.staging.JdbcUrlMasking;

/**
 * The safety net under every log line: e-mail addresses and values that look like a date of birth
 * are masked, whatever code or library wrote them (a database error quoting a row, an upstream
 * field error, an exception message). The code itself never logs them; this catches what slips.
 *
 * <p>A date counts as a possible birth date when its year is 1900 or later and at least
 * {@value #YOUNGEST_AGE_YEARS} years back: report periods, event times and today's timestamps are
 * recent and stay readable.
 */
public final class LogMasking {

    static final int YOUNGEST_AGE_YEARS = 10;
    private static final String EMAIL_MASK = "***@***";
    private static final String DATE_MASK = "****-**-**";

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /** yyyy-MM-dd, yyyy/MM/dd, M/d/yyyy, MM-dd-yyyy, yyyyMMdd; not inside a longer run of digits. */
    private static final Pattern DATE = Pattern.compile(
            "(?<![\\d])(?:(?<y1>\\d{4})([-/])(?<m1>\\d{1,2})\\2(?<d1>\\d{1,2})"
                    + "|(?<m2>\\d{1,2})([-/])(?<d2>\\d{1,2})\\6(?<y2>\\d{4})"
                    + "|(?<y3>(?:19|20)\\d{2})(?<m3>[01]\\d)(?<d3>[0-3]\\d))(?![\\d])");

    private LogMasking() {
    }

    /** @return the text with e-mail addresses and birth-date-like values masked; null stays null */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // a JDBC URL's password first: its user:secret@host form would otherwise read as an e-mail address
        String masked = JdbcUrlMasking.mask(text);
        masked = masked.indexOf('@') >= 0 ? EMAIL.matcher(masked).replaceAll(EMAIL_MASK) : masked;
        return maskBirthDates(masked);
    }

    /**
     * A database's message as a log line or the status page may show it: its first line only, its runs of
     * white space one space, masked as {@link #mask}. The lines after the first are the driver's details,
     * and PostgreSQL's "Detail: Failing row contains (...)" quotes the whole row the statement touched,
     * names included, which no mask can tell from other text.
     */
    public static String firstLine(String message) {
        return mask(String.valueOf(message).strip().lines().findFirst().orElse("").replaceAll("\\s+", " ").strip());
    }

    private static String maskBirthDates(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.find()) {
            return text;
        }
        int latestYear = Year.now().getValue() - YOUNGEST_AGE_YEARS;
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, isBirthDate(m, latestYear) ? DATE_MASK : Matcher.quoteReplacement(m.group()));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isBirthDate(Matcher m, int latestYear) {
        for (String n : new String[] {"1", "2", "3"}) {
            if (m.group("y" + n) != null) {
                int year = Integer.parseInt(m.group("y" + n));
                int month = Integer.parseInt(m.group("m" + n));
                int day = Integer.parseInt(m.group("d" + n));
                return year >= 1900 && year <= latestYear && month >= 1 && month <= 12 && day >= 1
                        && day <= LocalDate.of(year, month, 1).lengthOfMonth();
            }
        }
        return false;
    }
}
