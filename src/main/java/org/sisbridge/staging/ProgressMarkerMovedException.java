package org.sisbridge.staging;

import java.sql.SQLException;

/**
 * A progress marker (a report's load row, a roster batch's or student's state) was not where the
 * transaction read it: another run, a retry or a second agent moved it first. Thrown inside the
 * transaction that meant to move it, so that transaction rolls back and writes nothing; the next
 * poll reads the marker again. An SQLException because it is a staging-database outcome, never
 * an upstream one.
 */
public class ProgressMarkerMovedException extends SQLException {

    public ProgressMarkerMovedException(String what) {
        super(what + "; this run's change was rolled back and the next poll starts from what the table holds");
    }
}
