package org.sisbridge.dictionary;

/**
 * The CCCID format of the data dictionary: three letters without I and O, four digits 0001-9999,
 * and one reserved eighth character that the agent must already accept.
 *
 * <p>Checked character by character rather than by a regular expression: every event, report row
 * and bulk result passes here, and a matcher per value was a visible share of the checks' time.
 */
public final class CccidFormat {

    private CccidFormat() {
    }

    public static boolean isValid(String value) {
        if (value == null || (value.length() != 7 && value.length() != 8)) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = value.charAt(i);
            if (c < 'A' || c > 'Z' || c == 'I' || c == 'O') {
                return false;
            }
        }
        boolean allZero = true;
        for (int i = 3; i < 7; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            allZero &= c == '0';
        }
        if (allZero) {
            return false;
        }
        if (value.length() == 8) {
            char c = value.charAt(7);
            return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return true;
    }
}
