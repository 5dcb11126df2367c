package org.sisbridge.csv;

import java.io.ByteArrayOutputStream;

/**
 * Counts the records {@link CsvRecordReader} would read from UTF-8 bytes fed in pieces, without
 * making a string or a record of any of them: a report's scan only needs how many rows there are
 * and whether the reader would get through the file, and reading every record a second time as
 * text was the scan's whole cost. The one record kept is the first (the header), as its bytes.
 *
 * <p>It reads as {@link CsvRecordReader} does, on bytes: the delimiter, the quote, CR and LF are
 * ASCII and a UTF-8 byte of any other character is never one of them. A record starts at a
 * character that is not CR or LF (a blank line is no record); outside quotes CR or LF ends it, and
 * so does the end of the input; a quote opens a quoted field only as a field's first character, and
 * inside it a doubled quote is a quote, a single one closes it. A record longer than the reader's
 * cap, in the reader's own measure (UTF-16 characters, its ending CR or LF included), and a quote
 * still open at the end make the input one the reader refuses; this counter does not say how (the
 * reader does, with the line).
 *
 * <p>The bytes must be UTF-8 (checked elsewhere): a four-byte character is two of the reader's
 * characters, one of any other length is one.
 */
public final class CsvRecordCounter {

    private static final int BETWEEN = 0;
    private static final int FIELD_START = 1;
    private static final int UNQUOTED = 2;
    private static final int QUOTED = 3;
    /** A quote inside a quoted field: the next character says whether it is doubled or closes the field. */
    private static final int QUOTE_IN_QUOTED = 4;

    private final int delimiter;
    private final int maxRecordChars;
    private int state = BETWEEN;
    private long records;
    /** The reader's characters of the record under way so far. */
    private int chars;
    private boolean overLong;
    private final ByteArrayOutputStream first = new ByteArrayOutputStream();

    /** A report's counter: comma-separated, at most {@link CsvRecordReader#MAX_RECORD_CHARS} per record. */
    public CsvRecordCounter() {
        this(',', CsvRecordReader.MAX_RECORD_CHARS);
    }

    public CsvRecordCounter(char delimiter, int maxRecordChars) {
        if (delimiter > 0x7F || delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("the delimiter must be ASCII and not a quote or a line end");
        }
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    public void accept(byte[] bytes, int from, int to) {
        int state = this.state;
        int chars = this.chars;
        int firstFrom = records == 1 && state != BETWEEN ? from : -1;
        for (int i = from; i < to; i++) {
            int c = bytes[i];
            if (state == BETWEEN) {
                if (c == '\r' || c == '\n') {
                    continue;
                }
                records++;
                chars = 0;
                state = FIELD_START;
                if (records == 1) {
                    firstFrom = i;
                }
            }
            if ((c & 0xC0) != 0x80) { // not a continuation byte: a new character
                chars += (c & 0xF8) == 0xF0 ? 2 : 1;
            }
            switch (state) {
                case QUOTED -> {
                    if (c == '"') {
                        state = QUOTE_IN_QUOTED;
                    }
                }
                case QUOTE_IN_QUOTED -> state = c == '"' ? QUOTED : unquoted(c);
                case FIELD_START -> state = c == '"' ? QUOTED : unquoted(c);
                default -> state = unquoted(c);
            }
            if (state == BETWEEN) {
                overLong |= chars > maxRecordChars;
                if (records == 1) {
                    keepFirst(bytes, firstFrom, i);
                    firstFrom = -1;
                }
            }
        }
        overLong |= state != BETWEEN && chars > maxRecordChars;
        if (firstFrom >= 0) {
            keepFirst(bytes, firstFrom, to);
        }
        this.state = state;
        this.chars = chars;
    }

    /** The state after a character outside quotes that is not the quote opening a field. */
    private int unquoted(int c) {
        if (c == delimiter) {
            return FIELD_START;
        }
        return c == '\r' || c == '\n' ? BETWEEN : UNQUOTED;
    }

    private void keepFirst(byte[] bytes, int from, int to) {
        if (!overLong && first.size() <= 4 * maxRecordChars) { // past the cap the input is refused anyway
            first.write(bytes, from, to - from);
        }
    }

    /** @return true when the reader would read every record of the input fed so far, were it the whole input */
    public boolean readableToTheEnd() {
        return !overLong && state != QUOTED;
    }

    /** The records the reader would return, blank lines not counted. */
    public long records() {
        return records;
    }

    /** The first record's bytes as they stand in the input, without its line end; empty when there is none. */
    public byte[] firstRecord() {
        return first.toByteArray();
    }
}
