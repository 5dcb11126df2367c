package org.sisbridge.staging;

import java.util.regex.Pattern;

/**
 * A table or column name that came from configuration. It is checked before it reaches SQL, so
 * configuration can never inject SQL: letters, digits, underscores, optionally one schema prefix.
 */
public final class SqlIdentifier {

    private static final Pattern IDENTIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_$#]{0,63}\\.)?[A-Za-z][A-Za-z0-9_$#]{0,127}");

    private SqlIdentifier() {
    }

    /** @return the name unchanged, if it is a plain SQL identifier */
    public static String require(String configKey, String name) {
        if (name == null || !IDENTIFIER.matcher(name.trim()).matches()) {
            throw new IllegalArgumentException(configKey + ": '" + name
                    + "' is not a valid table or column name (letters, digits, _ ; optionally schema.name)");
        }
        return name.trim();
    }
}
