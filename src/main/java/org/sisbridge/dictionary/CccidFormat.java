package org.sisbridge.dictionary;

import java.util.regex.Pattern;

/**
 * The CCCID format of the data dictionary: three letters without I and O, four digits 0001-9999,
 * and one reserved eighth character that the agent must already accept.
 */
public final class CccidFormat {

    private static final Pattern CCCID = Pattern.compile("[A-HJ-NP-Z]{3}(?!0000)[0-9]{4}[A-Z0-9]?");

    private CccidFormat() {
    }

    public static boolean isValid(String value) {
        return value != null && CCCID.matcher(value).matches();
    }
}
