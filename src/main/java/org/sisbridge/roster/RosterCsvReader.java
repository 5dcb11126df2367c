package org.sisbridge.roster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.sisbridge.csv.CsvDelimiter;
import org.sisbridge.csv.CsvFormatException;
import org.sisbridge.csv.CsvRecord;
import org.sisbridge.csv.CsvRecordReader;

/**
 * A roster CSV file's records, read by the agent's one CSV reader ({@link CsvRecordReader}, the
 * reports' too), with the delimiter its header line uses (comma, semicolon or tab).
 *
 * <p>Bounded by {@code sisbridge.roster.max-line-chars}: a record longer than that outside quotes is
 * returned as too long, with only its first {@value #MAX_RAW} characters kept, and the reader goes
 * on from the next line end. A quote never closed (to the end of the file, or past the cap) refuses
 * the whole file with the line where it opened: what follows it cannot be told apart from the
 * quoted text, so no line of the file can be trusted.
 */
final class RosterCsvReader implements RosterRecords {

    /** The raw text kept of an over-long record: enough to see and fix the line, bounded whatever the file holds. */
    static final int MAX_RAW = CsvRecordReader.MAX_RAW;

    /**
     * One record; malformed when its quoting is broken (fields are then unreliable); too long when
     * it passed the cap (its fields are then empty and its raw text cut at {@value #MAX_RAW}).
     */
    record Record(List<String> fields, String raw, long line, boolean malformed, boolean tooLong) {
        Record(List<String> fields, String raw, long line, boolean malformed) {
            this(fields, raw, line, malformed, false);
        }

        /**
         * True for a line of nothing but spaces, and for a row of empty or all-space fields
         * (",,,,,,,": a spreadsheet writes one for every formatted, empty row): skipped like a blank line.
         */
        boolean blank() {
            if (tooLong || fields.isEmpty()) {
                return false;
            }
            for (String field : fields) {
                if (!UnicodeSpace.isBlank(field)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final CsvRecordReader csv;

    RosterCsvReader(Reader in) throws IOException {
        this(in, CsvRecordReader.MAX_RECORD_CHARS);
    }

    /** @param maxRecordChars the most characters one record may have (quotes and separators included) */
    RosterCsvReader(Reader in, int maxRecordChars) throws IOException {
        BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.csv = new CsvRecordReader(buffered, CsvDelimiter.ofHeader(buffered, maxRecordChars), maxRecordChars,
                CsvRecordReader.OverLong.SKIP_RECORD);
    }

    /** @return the next record, or null at the end of the input */
    @Override
    public Record next() throws IOException {
        try {
            CsvRecord r = csv.next();
            return r == null ? null : new Record(r.fields(), r.raw(), r.line(), r.malformed(), r.tooLong());
        } catch (CsvFormatException e) {
            throw new IllegalArgumentException(e.getMessage() + "; nothing of the file was loaded", e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
