package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import javax.sql.DataSource;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * For a college that manages its own staging tables ({@code sisbridge.staging.manage-schema=false}):
 * checks at start-up that every table the agent writes has every column it needs, with a usable
 * type, and lists in plain words what is missing: the canonical layout's fields, where the
 * college's mapping sends them.
 */
public final class StagingSchemaCheck {

    private StagingSchemaCheck() {
    }

    /**
     * @param mapping where each canonical table and field goes in this college's layout
     * @param needed  whether a canonical table is needed (its flow may be turned off)
     * @return one sentence per problem; empty when the database has everything
     */
    public static List<String> problems(DataSource dataSource, StagingMapping mapping,
                                        java.util.function.Predicate<String> needed) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (Map.Entry<String, Map<String, String>> canonical : CanonicalLayout.tables().entrySet()) {
                if (!needed.test(canonical.getKey())) {
                    continue;
                }
                TableMapping target = mapping.table(canonical.getKey());
                Map<String, Integer> actual = columns(c, meta, target.table());
                if (actual.isEmpty()) {
                    problems.add("table " + target.table() + " (" + CanonicalLayout.TABLE_KEYS.get(canonical.getKey())
                            + ") does not exist or has no columns this user can see");
                    continue;
                }
                for (String field : canonical.getValue().keySet()) {
                    check(problems, target.table(), target.column(field), target.targetKind(field), actual);
                }
                for (String constant : target.constants().keySet()) {
                    check(problems, target.table(), constant, "text", actual);
                }
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String table, String column, String kind, Map<String, Integer> actual) {
        Integer type = actual.get(column.toLowerCase(Locale.ROOT));
        if (type == null) {
            problems.add("table " + table + " has no column " + column + " (" + kind + ")");
        } else if (!usable(kind, type)) {
            problems.add("column " + table + "." + column + " has JDBC type " + type + ", which cannot hold a " + kind + " value");
        }
    }

    /**
     * Column name (lower case) to JDBC type, in this connection's own database and schema (a server
     * holds other databases: MariaDB would otherwise find same-named tables anywhere). Tries the name
     * as given, then upper and lower case (Oracle folds to upper, PostgreSQL to lower).
     */
    private static Map<String, Integer> columns(Connection c, DatabaseMetaData meta, String qualifiedTable) throws SQLException {
        String schema = c.getSchema();
        String table = qualifiedTable;
        int dot = qualifiedTable.indexOf('.');
        if (dot > 0) {
            schema = qualifiedTable.substring(0, dot);
            table = qualifiedTable.substring(dot + 1);
        }
        Map<String, Integer> columns = new HashMap<>();
        for (String candidate : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getColumns(c.getCatalog(), schema, candidate, null)) {
                while (rs.next()) {
                    columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
                }
            }
            if (!columns.isEmpty()) {
                break;
            }
        }
        return columns;
    }

    private static boolean usable(String kind, int type) {
        return switch (kind) {
            case "text" -> type == Types.VARCHAR || type == Types.NVARCHAR || type == Types.CHAR || type == Types.NCHAR
                    || type == Types.CLOB || type == Types.NCLOB || type == Types.LONGVARCHAR || type == Types.LONGNVARCHAR;
            case "number" -> type == Types.BIGINT || type == Types.INTEGER || type == Types.NUMERIC || type == Types.DECIMAL
                    || type == Types.SMALLINT;
            case "timestamp" -> type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
            case "date" -> type == Types.DATE || type == Types.TIMESTAMP;
            case "boolean" -> type == Types.BOOLEAN || type == Types.BIT || type == Types.TINYINT || type == Types.SMALLINT
                    || type == Types.NUMERIC || type == Types.DECIMAL || type == Types.CHAR;
            default -> false;
        };
    }

}
