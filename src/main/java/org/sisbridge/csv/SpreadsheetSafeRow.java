package org.sisbridge.csv;

import java.io.IOException;
import java.io.Writer;

/** One CSV line of a file staff open in a spreadsheet program: every cell through {@link SpreadsheetSafeCell}, CRLF at the end. */
public final class SpreadsheetSafeRow {

    private SpreadsheetSafeRow() {
    }

    public static void write(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(SpreadsheetSafeCell.of(fields[i]));
        }
        out.write("\r\n");
    }
}
