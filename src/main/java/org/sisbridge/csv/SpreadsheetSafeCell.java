package org.sisbridge.csv;

/**
 * One CSV cell of a file that staff open in a spreadsheet program, written so that the program
 * never runs it as a formula (OWASP, "CSV Injection"): a value starting with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return gets a single quote in front and is quoted,
 * whatever its source (an upstream answer or a value staff typed, such as a local id).
 *
 * <p>As OWASP says, this also marks a legitimate value of that form: a negative number or a phone
 * number such as {@code +1 555 0100} shows as {@code '+1 555 0100}. That is the price of a file that
 * is safe to open; the database keeps the value unchanged.
 */
public final class SpreadsheetSafeCell {

    private SpreadsheetSafeCell() {
    }

    /** The cell as it goes between the commas: empty for null, quoted where RFC 4180 or the guard needs it. */
    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (startsLikeAFormula(value)) {
            return quoted("'" + value);
        }
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return needsQuotes ? quoted(value) : value;
    }

    /** Whether a spreadsheet program would read the value as a formula (or a DDE call). */
    public static boolean startsLikeAFormula(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
