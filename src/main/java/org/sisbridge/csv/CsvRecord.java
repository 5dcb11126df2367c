package org.sisbridge.csv;

import java.util.List;

/**
 * One CSV record as read: its fields, its text as it stood in the file (line ends of quoted
 * fields included, the record's own line end excluded), and the file line it starts on.
 * Malformed when its quoting is broken (a stray quote: its fields are then unreliable); too long
 * when it passed the reader's cap (its fields are then empty and its raw text cut to
 * {@link CsvRecordReader#MAX_RAW} characters).
 */
public record CsvRecord(List<String> fields, String raw, long line, boolean malformed, boolean tooLong) {

    /** A record read as it should be. */
    public CsvRecord(List<String> fields, String raw, long line) {
        this(fields, raw, line, false, false);
    }

    /**
     * True for a line holding nothing but spaces, and for a record whose every field is empty or
     * spaces (",,,,": a spreadsheet writes one for every formatted, empty row).
     */
    public boolean blank() {
        if (tooLong || fields.isEmpty()) {
            return false;
        }
        for (String field : fields) {
            if (!field.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
