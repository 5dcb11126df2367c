package org.sisbridge.benchmark;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sisbridge.staging.DatabaseTable;

/**
 * H2's stand-in for PostgreSQL's {@code CREATE TABLE ... (LIKE ... INCLUDING ALL)}: the columns by
 * {@code CREATE TABLE ... AS SELECT ... WITH NO DATA}, then the NOT NULLs, primary key and indexes
 * the original's metadata lists, so that a yardstick's copy of any layout's table checks and
 * maintains what the original does.
 */
final class H2TableCopy {

    private H2TableCopy() {
    }

    static List<String> sql(Connection c, String copy, String original) throws SQLException {
        DatabaseTable table = DatabaseTable.find(c, original)
                .orElseThrow(() -> new SQLException("no table " + original + " to copy"));
        DatabaseMetaData meta = c.getMetaData();
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE TABLE " + copy + " AS SELECT * FROM " + original + " WITH NO DATA");
        try (ResultSet rs = meta.getColumns(table.catalog(), table.schema(), table.name(), null)) {
            while (rs.next()) {
                if (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls) {
                    ddl.add("ALTER TABLE " + copy + " ALTER COLUMN " + rs.getString("COLUMN_NAME") + " SET NOT NULL");
                }
            }
        }
        Map<Short, String> key = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(table.catalog(), table.schema(), table.name())) {
            while (rs.next()) {
                key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        List<String> primary = List.copyOf(key.values());
        if (!primary.isEmpty()) {
            ddl.add("ALTER TABLE " + copy + " ADD PRIMARY KEY (" + String.join(", ", primary) + ")");
        }
        // every other index, its columns in their order; the primary key's own index came with the key
        Map<String, Map<Short, String>> indexes = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(table.catalog(), table.schema(), table.name(), false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                if (index != null && rs.getString("COLUMN_NAME") != null) {
                    indexes.computeIfAbsent(index, i -> new TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"),
                            rs.getString("COLUMN_NAME"));
                    unique.put(index, !rs.getBoolean("NON_UNIQUE"));
                }
            }
        }
        int n = 0;
        for (Map.Entry<String, Map<Short, String>> index : indexes.entrySet()) {
            List<String> columns = List.copyOf(index.getValue().values());
            boolean isUnique = unique.get(index.getKey());
            if (isUnique && columns.equals(primary)) {
                continue;
            }
            ddl.add("CREATE " + (isUnique ? "UNIQUE " : "") + "INDEX ix_" + copy + "_" + ++n + " ON " + copy + " ("
                    + String.join(", ", columns) + ")");
        }
        return ddl;
    }
}
