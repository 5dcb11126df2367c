package org.sisbridge.csv;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The delimiter of a file as its header line shows it: comma, semicolon (Excel's CSV where the
 * decimal separator is a comma) or tab (Excel's "Unicode Text"), whichever the header holds most
 * outside quotes; a comma when it holds none. Read ahead and put back, so the reader still sees
 * the header; at most {@code maxChars} characters are looked at.
 */
public final class CsvDelimiter {

    private static final char[] CANDIDATES = {',', ';', '\t'};

    private CsvDelimiter() {
    }

    public static char ofHeader(BufferedReader in, int maxChars) throws IOException {
        int[] counts = new int[CANDIDATES.length];
        in.mark(maxChars + 1);
        boolean quoted = false;
        for (int i = 0, c = in.read(); i < maxChars && c != -1; i++, c = in.read()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            }
            for (int k = 0; k < CANDIDATES.length; k++) {
                counts[k] += !quoted && c == CANDIDATES[k] ? 1 : 0;
            }
        }
        in.reset();
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            best = counts[k] > counts[best] ? k : best;
        }
        return CANDIDATES[best];
    }
}
