package org.sisbridge.reports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line ends; CRLF,
 * LF and a lone CR all end a record; blank lines are skipped. It holds one record at a time, so
 * a report of any size reads in constant memory. Hand-written rather than Jackson's CSV parser
 * because rejects must keep each record's raw text and line number, which Jackson does not expose.
 */
public final class CsvRecordReader implements AutoCloseable {

    /** Bounds the memory one record may take; a longer "record" is a broken file, not a report row. */
    public static final int MAX_RECORD_CHARS = 64 * 1024;
    private static final int EOF = -1;
    private static final int NONE = -2;

    private final Reader in;
    private final StringBuilder raw = new StringBuilder(256);
    private final StringBuilder field = new StringBuilder(64);
    private long line = 1;
    private int pushedBack = NONE;

    public CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** @return the next record, or null at the end of the input */
    public CsvRecord next() throws IOException, CsvFormatException {
        int c = read();
        while (c == '\r' || c == '\n') { // a blank line is no record
            endOfLine(c);
            c = read();
        }
        if (c == EOF) {
            return null;
        }
        pushedBack = c;
        return readRecord();
    }

    private CsvRecord readRecord() throws IOException, CsvFormatException {
        long startLine = line;
        raw.setLength(0);
        field.setLength(0);
        List<String> fields = new ArrayList<>(12);
        boolean inQuotes = false;
        boolean fieldQuoted = false;
        while (true) {
            int c = read();
            if (inQuotes) {
                if (c == EOF) {
                    throw new CsvFormatException("the record starting on line " + startLine
                            + " ends inside a quoted field (is the file truncated?)");
                }
                keep(raw, c);
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        keep(raw, after);
                        keep(field, after);
                        continue;
                    }
                    pushedBack = after;
                    inQuotes = false;
                    continue;
                }
                if (c == '\n' || (c == '\r' && !nextIs('\n'))) {
                    line++;
                }
                keep(field, c);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldQuoted = false;
                keep(raw, c);
            } else if (c == '\r' || c == '\n' || c == EOF) {
                fields.add(field.toString());
                if (c != EOF) {
                    endOfLine(c);
                }
                return new CsvRecord(fields, raw.toString(), startLine);
            } else if (c == '"' && field.length() == 0 && !fieldQuoted) {
                inQuotes = true;
                fieldQuoted = true;
                keep(raw, c);
            } else {
                keep(raw, c);
                keep(field, c); // a stray quote inside an unquoted field is kept as it is
            }
        }
    }

    private boolean nextIs(int expected) throws IOException {
        int c = read();
        pushedBack = c;
        return c == expected;
    }

    private void endOfLine(int c) throws IOException {
        line++;
        if (c == '\r' && !nextIs('\n')) {
            return;
        }
        if (c == '\r') {
            read(); // the LF of a CRLF
        }
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        return in.read();
    }

    private void keep(StringBuilder target, int c) throws CsvFormatException {
        if (target.length() >= MAX_RECORD_CHARS) {
            throw new CsvFormatException("the record on line " + line + " is longer than " + MAX_RECORD_CHARS
                    + " characters: this is not a status change report");
        }
        target.append((char) c);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
