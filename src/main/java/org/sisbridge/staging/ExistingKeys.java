package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds which of a batch's keys a table already holds, in chunks small enough for every database's
 * IN-list limit. Together with the table's unique key this gives insert-if-absent in plain,
 * portable SQL, and tells the caller exactly which records were duplicates.
 */
public final class ExistingKeys {

    /** Oracle allows at most 1000 expressions in an IN list; stay well below. */
    private static final int CHUNK = 500;

    private ExistingKeys() {
    }

    /**
     * @param table       validated table name
     * @param scopeColumn validated column that partitions the keys (for example mis_code)
     * @param keyColumn   validated column holding the key within the scope
     */
    public static Set<String> find(Connection connection, String table, String scopeColumn, String scope,
                                   String keyColumn, Collection<String> keys) throws SQLException {
        Set<String> existing = new HashSet<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String placeholders = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            String sql = "SELECT " + keyColumn + " FROM " + table + " WHERE " + scopeColumn + " = ? AND "
                    + keyColumn + " IN (" + placeholders + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, scope);
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        existing.add(rs.getString(1));
                    }
                }
            }
        }
        return existing;
    }
}
