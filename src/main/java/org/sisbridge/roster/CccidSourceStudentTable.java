package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code cccid_source_student} (V7): one row per student the SIS source query queued, keyed by MIS
 * code and local id, with the fingerprint of the fields last queued. Its primary key is what keeps a
 * student from entering the outbox twice when runs overlap or one was cut short; its fingerprint
 * moves only by compare-and-set from the value read. Every method works in the caller's transaction.
 */
class CccidSourceStudentTable {

    static final String TABLE = "cccid_source_student";

    /** The fingerprint of each of these students that has a row (a point read of the primary key each). */
    Map<String, String> fingerprints(Connection c, String misCode, Collection<String> localIds) throws SQLException {
        Map<String, String> found = new HashMap<>();
        PerStudentLookup.each(c, "SELECT fingerprint FROM " + TABLE + " WHERE mis_code = ? AND local_id = ?", localIds,
                (ps, localId) -> {
                    ps.setString(1, misCode);
                    ps.setString(2, localId);
                }, (localId, rs) -> found.put(localId, rs.getString(1)));
        return found;
    }

    /** New rows (local id, fingerprint); a row another run inserted meanwhile fails the transaction on the key. */
    void insert(Connection c, String misCode, Map<String, String> fingerprintByLocalId, Timestamp now) throws SQLException {
        if (fingerprintByLocalId.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                + " (mis_code, local_id, fingerprint, updated_at) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : fingerprintByLocalId.entrySet()) {
                ps.setString(1, misCode);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.setTimestamp(4, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return false when the row no longer holds {@code from} (another run queued the student again first) */
    boolean move(Connection c, String misCode, String localId, String from, String to, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET fingerprint = ?, updated_at = ?"
                + " WHERE mis_code = ? AND local_id = ? AND fingerprint = ?")) {
            ps.setString(1, to);
            ps.setTimestamp(2, now);
            ps.setString(3, misCode);
            ps.setString(4, localId);
            ps.setString(5, from);
            return ps.executeUpdate() == 1;
        }
    }
}
