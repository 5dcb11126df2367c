package org.sisbridge.staging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * For a college that manages its own staging tables ({@code sisbridge.staging.manage-schema=false}):
 * checks at start-up that every table the agent writes has every column it needs, with a usable
 * type, and lists in plain words what is missing. The columns needed are in
 * {@code staging/required-columns.properties}, by the configuration key that names each table.
 */
public final class StagingSchemaCheck {

    private static final String LAYOUT = "/staging/required-columns.properties";

    private StagingSchemaCheck() {
    }

    /**
     * @param tableNames resolves a configuration key (sisbridge.events.table, ...) to the table name
     * @param needed     whether the table of that key is needed (its flow may be turned off)
     * @return one sentence per problem; empty when the database has everything
     */
    public static List<String> problems(DataSource dataSource, Function<String, String> tableNames,
                                        java.util.function.Predicate<String> needed) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (Map.Entry<Object, Object> entry : layout().entrySet()) {
                String key = (String) entry.getKey();
                if (!needed.test(key)) {
                    continue;
                }
                String table = SqlIdentifier.require(key, tableNames.apply(key));
                Map<String, Integer> actual = columns(c, meta, table);
                if (actual.isEmpty()) {
                    problems.add("table " + table + " (" + key + ") does not exist or has no columns this user can see");
                    continue;
                }
                for (String spec : ((String) entry.getValue()).split(",")) {
                    String[] parts = spec.trim().split(":");
                    Integer type = actual.get(parts[0].toLowerCase(Locale.ROOT));
                    if (type == null) {
                        problems.add("table " + table + " has no column " + parts[0] + " (" + parts[1] + ")");
                    } else if (!usable(parts[1], type)) {
                        problems.add("column " + table + "." + parts[0] + " has JDBC type " + type + ", which cannot hold a "
                                + parts[1] + " value");
                    }
                }
            }
        }
        return problems;
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

    private static Properties layout() {
        Properties layout = new Properties();
        try (InputStream in = StagingSchemaCheck.class.getResourceAsStream(LAYOUT)) {
            layout.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layout;
    }
}
