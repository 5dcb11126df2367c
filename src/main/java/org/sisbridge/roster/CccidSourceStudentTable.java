package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cccid_source_student} (V7): one row per student the SIS source query queued, keyed by MIS
 * code and local id, with the fingerprint of the fields last queued. Its primary key is what keeps a
 * student from entering the outbox twice when runs overlap or one was cut short; its fingerprint
 * moves only by compare-and-set from the value read. Every method works in the caller's transaction.
 */
class CccidSourceStudentTable {

    static final String TABLE = "cccid_source_student";
    /** Oracle allows at most 1000 expressions in an IN list; stay well below. */
    private static final int IN_CHUNK = 500;

    /** The fingerprint of each of these students that has a row. */
    Map<String, String> fingerprints(Connection c, String misCode, Collection<String> localIds) throws SQLException {
        Map<String, String> found = new HashMap<>();
        List<String> all = new ArrayList<>(localIds);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT local_id, fingerprint FROM " + TABLE + " WHERE mis_code = ?"
                    + " AND local_id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                ps.setString(1, misCode);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
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
