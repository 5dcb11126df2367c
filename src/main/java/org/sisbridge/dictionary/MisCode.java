package org.sisbridge.dictionary;

/** A college's three-character MIS code: digits or upper-case letters. */
public final class MisCode {

    private MisCode() {
    }

    /** Checked character by character: it runs for every event and report row. */
    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }
}
