package org.sisbridge.dictionary;

import java.util.regex.Pattern;

/** A college's three-character MIS code: digits or upper-case letters. */
public final class MisCode {

    private static final Pattern MIS = Pattern.compile("[0-9A-Z]{3}");

    private MisCode() {
    }

    public static boolean isWellFormed(String value) {
        return value != null && MIS.matcher(value).matches();
    }
}
