package org.sisbridge.roster;

import java.io.Closeable;
import java.io.IOException;

/**
 * A roster file's records one at a time, whatever kind of file holds them (CSV text, or a
 * workbook's first sheet): the loader reads both the same way, header first.
 */
interface RosterRecords extends Closeable {

    /** @return the next record, or null at the end of the file */
    RosterCsvReader.Record next() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
