package org.sisbridge.roster;

import java.io.IOException;

/**
 * The records of a roster file, header first, whatever the file's format: the loader reads every
 * format through this, so a format adds a source and nothing else.
 */
interface RosterRecords extends AutoCloseable {

    /**
     * @return the next record, or null at the end of the file
     * @throws IllegalArgumentException when the file cannot be read on (the reason names where)
     */
    RosterCsvReader.Record next() throws IOException;

    @Override
    void close() throws IOException;
}
