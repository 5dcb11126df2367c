package org.sisbridge.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The one streaming RFC 4180 reader of the agent, for the upstream's reports and for staff's roster
 * files alike: quoted fields may hold the delimiter, doubled quotes and line ends; CRLF, LF and a
 * lone CR all end a record; blank lines are skipped. It holds one record at a time, bounded by a
 * cap, so a file of any size reads in constant memory. Hand-written rather than a library because
 * rejects must keep each record's raw text and line number and the reader must carry on after a
 * bad record, which Jackson's CSV parser does not offer.
 *
 * <p>What is wrong is told the same way to both flows:
 * <ul>
 * <li>a stray quote inside an unquoted field, or text after a closing quote: the record is read
 *     with the quote kept as a character and flagged {@link CsvRecord#malformed()};</li>
 * <li>a quote that is never closed (it runs to the end of the file, or past the cap): the file is
 *     no CSV that can be read on, {@link CsvFormatException} naming the line the quote opened on;</li>
 * <li>a record longer than the cap outside quotes: per {@link OverLong}, the file is refused, or the
 *     record is returned {@link CsvRecord#tooLong()} (its first {@value #MAX_RAW} characters kept) and
 *     reading goes on from the next line end.</li>
 * </ul>
 *
 * <p>{@link CsvRecordCounter} counts records from bytes as this reader reads them (a report's scan):
 * a change to what makes or ends a record here is a change there too.
 */
public final class CsvRecordReader implements AutoCloseable {

    /** Bounds the memory one record may take; a longer "record" is a broken file, not a report row. */
    public static final int MAX_RECORD_CHARS = 64 * 1024;
    /** The raw text kept of an over-long record: enough to see and fix the line, bounded whatever the file holds. */
    public static final int MAX_RAW = 4000;
    private static final int EOF = -1;
    private static final int NONE = -2;

    /** What a record longer than the cap (outside quotes) does. */
    public enum OverLong {
        /** the whole file is refused (a report: a longer record is no report row) */
        REFUSE_FILE,
        /** the record is returned as too long and the file read on (a roster: one line a person can fix) */
        SKIP_RECORD
    }

    private final Reader in;
    private final char delimiter;
    private final int maxRecordChars;
    private final OverLong overLong;
    private final StringBuilder raw = new StringBuilder(256);
    private final StringBuilder field = new StringBuilder(64);
    private long line = 1;
    private int pushedBack = NONE;
    /**
     * Characters read ahead: one {@code Reader.read()} per character went through the decoder's lock
     * every time, and was the largest single cost of loading a report (issue 17's flight recording).
     */
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    /** A report's reader: comma-separated, {@link #MAX_RECORD_CHARS} per record, a longer one refuses the file. */
    public CsvRecordReader(Reader in) {
        this(in, ',', MAX_RECORD_CHARS, OverLong.REFUSE_FILE);
    }

    /** @param maxRecordChars the most characters one record may have (quotes and separators included) */
    public CsvRecordReader(Reader in, char delimiter, int maxRecordChars, OverLong overLong) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
        this.overLong = overLong;
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
        long quoteLine = 0;
        raw.setLength(0);
        field.setLength(0);
        List<String> fields = new ArrayList<>(12);
        boolean inQuotes = false;
        boolean fieldQuoted = false;
        boolean malformed = false;
        int chars = 0;
        while (true) {
            int c = read();
            if (c != EOF && ++chars > maxRecordChars) {
                if (inQuotes) {
                    throw new CsvFormatException("the quote opened on line " + quoteLine + " is not closed within "
                            + maxRecordChars + " characters: close it (a quote inside a field is written twice)");
                }
                if (overLong == OverLong.REFUSE_FILE) {
                    throw new CsvFormatException("the record on line " + startLine + " is longer than " + maxRecordChars
                            + " characters");
                }
                return skipRestOfLine(c, startLine);
            }
            if (inQuotes) {
                if (c == EOF) {
                    throw new CsvFormatException("the quote opened on line " + quoteLine
                            + " is never closed: the file ends inside it (is the file truncated?)");
                }
                raw.append((char) c);
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        chars++;
                        raw.append('"');
                        field.append('"');
                        continue;
                    }
                    pushedBack = after;
                    inQuotes = false;
                    continue;
                }
                if (c == '\n' || (c == '\r' && !nextIs('\n'))) {
                    line++;
                }
                field.append((char) c);
                chars += copyRun(true, chars);
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldQuoted = false;
                raw.append((char) c);
            } else if (c == '\r' || c == '\n' || c == EOF) {
                fields.add(field.toString());
                if (c != EOF) {
                    endOfLine(c);
                }
                return new CsvRecord(fields, raw.toString(), startLine, malformed, false);
            } else if (c == '"' && field.length() == 0 && !fieldQuoted) {
                inQuotes = true;
                fieldQuoted = true;
                quoteLine = line;
                raw.append((char) c);
            } else {
                // a stray quote inside an unquoted field, or text after a closing quote: kept as it is, and said
                malformed |= c == '"' || fieldQuoted;
                raw.append((char) c);
                field.append((char) c);
                chars += copyRun(false, chars);
            }
        }
    }

    /**
     * Takes the ordinary characters that follow in the buffer (no quote, no line end, outside quotes
     * no delimiter) in one copy instead of one loop turn each: they would change nothing but the
     * text, and reading them one by one was most of reading a report. Stops short of the cap, so the
     * character that passes it is read, and told, one by one as before.
     *
     * @return how many characters it took
     */
    private int copyRun(boolean quoted, int chars) {
        if (pushedBack != NONE) {
            return 0;
        }
        int end = position + Math.min(limit - position, maxRecordChars - chars);
        int i = position;
        while (i < end) {
            char c = buffer[i];
            if (c == '"' || c == '\r' || c == '\n' || (c == delimiter && !quoted)) {
                break;
            }
            i++;
        }
        int n = i - position;
        raw.append(buffer, position, n);
        field.append(buffer, position, n);
        position = i;
        return n;
    }

    /** Skips an over-long record up to the next line end (no quote is open): its start is kept, its fields are not. */
    private CsvRecord skipRestOfLine(int c, long startLine) throws IOException {
        String kept = raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) : raw.toString();
        raw.setLength(0);
        field.setLength(0);
        for (; c != EOF; c = read()) {
            if (c == '\n' || c == '\r') {
                endOfLine(c);
                break;
            }
        }
        return new CsvRecord(List.of(), kept, startLine, true, true);
    }

    private boolean nextIs(int expected) throws IOException {
        int c = read();
        pushedBack = c;
        return c == expected;
    }

    private void endOfLine(int c) throws IOException {
        line++;
        if (c == '\r' && nextIs('\n')) {
            read(); // the LF of a CRLF
        }
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        if (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return EOF;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
