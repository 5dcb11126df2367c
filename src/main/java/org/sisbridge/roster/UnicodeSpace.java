package org.sisbridge.roster;

/**
 * Trims every kind of space around a roster field. {@link String#strip()} trims what
 * {@link Character#isWhitespace} calls white space, and that excludes the no-break spaces
 * (U+00A0, U+2007, U+202F) that a copy from a web page or a word processor leaves behind; a
 * spreadsheet shows them as nothing, so staff cannot see why "ana@example.edu\u00A0" failed.
 * Here a space is anything {@link Character#isWhitespace} or {@link Character#isSpaceChar} says
 * is one, plus the zero-width no-break space (U+FEFF, a stray byte order mark) and the
 * zero-width space (U+200B), which are invisible too.
 */
public final class UnicodeSpace {

    private UnicodeSpace() {
    }

    /** The value without spaces at either end; null stays null. */
    public static String strip(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.codePointAt(start))) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (end > start && isSpace(value.codePointBefore(end))) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return value.substring(start, end);
    }

    /** The stripped value, or null when nothing but spaces is left. */
    public static String stripToNull(String value) {
        String stripped = strip(value);
        return stripped == null || stripped.isEmpty() ? null : stripped;
    }

    /** Whether the value is null or holds nothing but spaces. */
    public static boolean isBlank(String value) {
        return stripToNull(value) == null;
    }

    static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0xFEFF
                || codePoint == 0x200B;
    }
}
