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
 */
final class RosterCsvReader {

    private static final int MAX_RAW = 4000;

    /** One record; malformed when its quoting is broken (fields are then unreliable). */
    record Record(List<String> fields, String raw, long line, boolean malformed) {
        boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private final Reader in;
    private long line = 1;
    private int peeked = -2;

    RosterCsvReader(Reader in) {
        this.in = in;
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
        while (true) {
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
