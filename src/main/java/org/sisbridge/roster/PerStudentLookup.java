package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * A look-up of one college's students by local id, as one prepared statement ({@code ... WHERE mis_code = ?
 * AND local_id = ?}) executed once per student. Not an {@code IN} list on purpose: H2 serves
 * {@code mis_code = ? AND local_id IN (...)} from the index's first column only, so every chunk of a source
 * run read all of the college's rows and the run slowed down as the outbox grew; an equality on both key
 * columns is a point read of the index on every database.
 */
final class PerStudentLookup {

    /** Binds the statement's parameters for one student. */
    interface Binder {
        void bind(PreparedStatement ps, String localId) throws SQLException;
    }

    /** Takes one row found for the student. */
    interface Rows {
        void row(String localId, ResultSet rs) throws SQLException;
    }

    private PerStudentLookup() {
    }

    static void each(Connection c, String sql, Collection<String> localIds, Binder binder, Rows rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String localId : localIds) {
                binder.bind(ps, localId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.row(localId, rs);
                    }
                }
            }
        }
    }
}
