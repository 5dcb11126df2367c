package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table as the database describes it through JDBC metadata: its columns with type name, size and
 * fractional digits, and its unique keys (primary key and unique indexes). Looked up in the
 * connection's own catalog and schema (a MariaDB server holds other databases with same-named
 * tables), by the name as given, then upper and lower case (Oracle folds to upper, PostgreSQL to lower).
 */
public record DatabaseTable(String catalog, String schema, String name, Map<String, DatabaseColumn> columns) {

    /** One column: the database's own type name (TIMESTAMP, varchar, DATETIME), its size and fraction digits. */
    /** @param fraction digits of fractional seconds a timestamp keeps */
    public record DatabaseColumn(String name, int jdbcType, String typeName, int size, int fraction) {
        /** The type as a DBA wrote it: VARCHAR(10), DATETIME, timestamp. */
        public String described() {
            String type = typeName.toUpperCase(Locale.ROOT);
            if (type.contains("CHAR") && size > 0 && size < Integer.MAX_VALUE) {
                return type + "(" + size + ")";
            }
            return jdbcType == Types.TIMESTAMP && fraction > 0 && !type.contains("(") ? type + "(" + fraction + ")" : type;
        }
    }

    public static Optional<DatabaseTable> find(Connection c, String qualifiedTable) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        String table = qualifiedTable;
        int dot = qualifiedTable.indexOf('.');
        if (dot > 0) {
            schema = qualifiedTable.substring(0, dot);
            table = qualifiedTable.substring(dot + 1);
        }
        // drivers say a timestamp's fraction digits in DECIMAL_DIGITS, except MariaDB's, which says 0
        // there and counts them in the size: DATETIME(3) is 23 = 19 + "." + 3
        boolean fractionInSize = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).matches(".*(mariadb|mysql).*");
        for (String candidate : new LinkedHashSet<>(List.of(table, table.toUpperCase(Locale.ROOT),
                table.toLowerCase(Locale.ROOT)))) {
            Map<String, DatabaseColumn> columns = new LinkedHashMap<>();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), schema, candidate, null)) {
                while (rs.next()) {
                    String name = rs.getString("COLUMN_NAME");
                    int size = rs.getInt("COLUMN_SIZE");
                    int fraction = fractionInSize ? Math.max(0, size - 20) : rs.getInt("DECIMAL_DIGITS");
                    columns.put(name.toLowerCase(Locale.ROOT), new DatabaseColumn(name, rs.getInt("DATA_TYPE"),
                            rs.getString("TYPE_NAME"), size, fraction));
                }
            }
            if (!columns.isEmpty()) {
                return Optional.of(new DatabaseTable(c.getCatalog(), schema, candidate, columns));
            }
        }
        return Optional.empty();
    }

    public Optional<DatabaseColumn> column(String name) {
        return Optional.ofNullable(columns.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The column sets (lower case) of the primary key and of every unique index. */
    public List<Set<String>> uniqueKeys(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<Set<String>> keys = new ArrayList<>();
        Set<String> primary = new LinkedHashSet<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, name)) {
            while (rs.next()) {
                primary.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (!primary.isEmpty()) {
            keys.add(primary);
        }
        Map<String, Set<String>> indexes = new HashMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, name, true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null && !rs.getBoolean("NON_UNIQUE")) {
                    indexes.computeIfAbsent(index, i -> new LinkedHashSet<>()).add(column.toLowerCase(Locale.ROOT));
                }
            }
        }
        keys.addAll(indexes.values());
        return keys;
    }
}
