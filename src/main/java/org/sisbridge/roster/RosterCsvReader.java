package org.sisbridge.roster;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time (CRLF or LF, quoted fields with commas, quotes and line
 * breaks), keeping each record's raw text and first line number: a line that cannot be read must
 * be rejected with exactly what was in the file and where. A record with a stray quote is
 * returned as malformed instead of stopping the file.
 *
 * <p>Bounded like the report reader ({@code CsvRecordReader}): a record longer than the cap
 * ({@code sisbridge.roster.max-line-chars}, by default the report reader's record cap) is returned
 * as too long, with only its first {@value #MAX_RAW} characters kept, and the reader goes on after the
 * next line end, whatever the quoting. So a quote that is never closed costs one rejected line and
 * at most the cap in memory, never the rest of the file.
 */
final class RosterCsvReader {

    /** The raw text kept of a record: enough to see and fix the line, bounded whatever the file holds. */
    static final int MAX_RAW = 4000;

    /**
     * One record; malformed when its quoting is broken (fields are then unreliable); too long when
     * it passed the cap (its fields are then empty and its raw text cut at {@value #MAX_RAW}).
     */
    record Record(List<String> fields, String raw, long line, boolean malformed, boolean tooLong) {
        Record(List<String> fields, String raw, long line, boolean malformed) {
            this(fields, raw, line, malformed, false);
        }

        boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private final Reader in;
    private final int maxRecordChars;
    private long line = 1;
    private int peeked = -2;

    RosterCsvReader(Reader in) {
        this(in, org.sisbridge.reports.CsvRecordReader.MAX_RECORD_CHARS);
    }

    /** @param maxRecordChars the most characters one record may have (quotes and separators included) */
    RosterCsvReader(Reader in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    /** @return the next record, or null at the end of the input */
    Record next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean malformed = false;
        long chars = 0;
        while (true) {
            if (++chars > maxRecordChars && c != -1) {
                return tooLong(raw, startLine);
            }
            if (c == -1) {
                malformed |= quoted; // the file ended inside a quoted field
                break;
            }
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                        append(raw, "\"\"");
                    } else {
                        quoted = false;
                        append(raw, "\"");
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                    append(raw, ch);
                }
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                append(raw, ch);
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                break;
            } else if (ch == '"') {
                if (field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else {
                    malformed = true; // a quote inside an unquoted field, or text after a closing quote
                    field.append(ch);
                }
                append(raw, ch);
            } else {
                if (wasQuoted) {
                    malformed = true;
                }
                field.append(ch);
                append(raw, ch);
            }
            c = read();
        }
        fields.add(field.toString());
        return new Record(fields, raw.toString(), startLine, malformed);
    }

    /** Skips the rest of an over-long record up to the next line end (quotes no longer count). */
    private Record tooLong(StringBuilder raw, long startLine) throws IOException {
        for (int c = read(); c != -1; c = read()) {
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                break;
            }
        }
        return new Record(List.of(), raw.toString(), startLine, true, true);
    }

    private static void append(StringBuilder raw, Object text) {
        if (raw.length() < MAX_RAW) {
            raw.append(text);
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }
}
