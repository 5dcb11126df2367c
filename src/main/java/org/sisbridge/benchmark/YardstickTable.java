package org.sisbridge.benchmark;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.sisbridge.staging.mapping.TableMapping;
import org.sisbridge.staging.mapping.TypedParameter;

/**
 * An empty copy of a staging table (same columns, key and indexes) that a yardstick writes the
 * pipeline's rows into, one batch and one commit at a time, as the pipeline commits a page or chunk:
 * a plain JDBC batch insert (each value bound by its own type's setter, as the pipeline binds it), or
 * on PostgreSQL a {@code COPY ... FROM STDIN} per batch. The columns, the values and the constants are
 * the layout's: a row's canonical values are converted by the table's mapping ({@link
 * TableMapping#value}, what the pipeline's bind and COPY call) and the layout's constant columns
 * follow, as in the pipeline's INSERT ({@link TableMapping#insertSql}).
 */
final class YardstickTable implements AutoCloseable {

    enum Method { BATCH_INSERT, POSTGRES_COPY }

    private final Connection connection;
    private final Method method;
    private final TableMapping mapping;
    private final List<String> fields;
    private final String copySql;
    private final PreparedStatement insert;
    private final int[] sqlTypes;

    /**
     * Recreates the table {@code mapping} names with {@code ddl}, on a connection of its own, which it closes.
     *
     * @param fields the canonical fields a row's values are given in
     */
    YardstickTable(Connection connection, Method method, TableMapping mapping, List<String> fields, List<String> ddl)
            throws SQLException {
        this.connection = connection;
        this.method = method;
        this.mapping = mapping;
        this.fields = List.copyOf(fields);
        String table = mapping.table();
        List<String> targets = new ArrayList<>();
        fields.forEach(f -> targets.add(mapping.column(f)));
        targets.addAll(mapping.constants().keySet());
        String columns = String.join(", ", targets);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                for (String sql : ddl) {
                    s.execute(sql);
                }
                // the column types, so that a null is bound as the pipeline binds it (setNull with its type)
                try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table + " WHERE 1 = 0")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    sqlTypes = new int[meta.getColumnCount()];
                    for (int i = 0; i < sqlTypes.length; i++) {
                        sqlTypes[i] = meta.getColumnType(i + 1);
                    }
                }
            }
            connection.setAutoCommit(false);
            copySql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
            insert = connection.prepareStatement(mapping.insertSql(fields));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * A copy named {@code copy} of the table {@code original} maps to, in the staging database, written
     * as {@code original} is: same columns, conversions and constants.
     */
    static YardstickTable copyOf(DataSource dataSource, BenchmarkDatabase database, Method method, TableMapping original,
                                 String copy, List<String> fields) throws SQLException {
        Connection connection = dataSource.getConnection();
        List<String> ddl;
        try {
            ddl = database.copyTableSql(connection, copy, original.table());
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new YardstickTable(connection, method, new TableMapping(copy, original.columns(), original.constants(),
                original.kinds()), fields, ddl);
    }

    /** A row as the table holds it: the canonical values converted, then the constants. Building it is not timed. */
    Object[] row(List<Object> canonical) {
        Object[] row = new Object[sqlTypes.length];
        int i = 0;
        for (int f = 0; f < fields.size(); f++) {
            row[i++] = mapping.value(fields.get(f), canonical.get(f));
        }
        for (String constant : mapping.constants().values()) {
            row[i++] = constant;
        }
        return row;
    }

    /** @return nanoseconds spent writing and committing the batch (building its rows is not timed) */
    long write(List<Object[]> rows) throws SQLException {
        long started = System.nanoTime();
        if (method == Method.POSTGRES_COPY) {
            copy(rows);
        } else {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        insert.setNull(i + 1, sqlTypes[i]);
                    } else {
                        // as the pipeline's writer binds: each value by its own type's setter
                        TypedParameter.set(insert, i + 1, row[i]);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
        return System.nanoTime() - started;
    }

    /** CSV: a null is an unquoted empty field, every text is quoted (so "" stays an empty text). */
    private void copy(List<Object[]> rows) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                if (row[i] instanceof String text) {
                    csv.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else if (row[i] != null) {
                    csv.append(row[i]);
                }
            }
            csv.append('\n');
        }
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(copySql, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
