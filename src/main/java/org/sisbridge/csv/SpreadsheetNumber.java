package org.sisbridge.csv;

import java.util.regex.Pattern;

/**
 * A long number as a spreadsheet program writes it when the cell is not formatted as Text: in
 * scientific notation, one digit before the decimal mark ("1.23457E+11", "1.2E+11", "1,23457E+11"
 * where the decimal mark is a comma, "1.23457e+011"). Only the digits shown survive, so an id
 * written this way cannot be read back. The exponent's sign is required, as every such program
 * writes it: an id such as "2E0001" is not taken for one.
 */
public final class SpreadsheetNumber {

    private static final Pattern SCIENTIFIC = Pattern.compile("[0-9]([.,][0-9]+)?[eE][+-][0-9]{1,3}");

    private SpreadsheetNumber() {
    }

    /** Whether the value (spaces around it ignored) is a number in a spreadsheet's scientific notation. */
    public static boolean isScientific(String value) {
        return value != null && SCIENTIFIC.matcher(value.strip()).matches();
    }
}
