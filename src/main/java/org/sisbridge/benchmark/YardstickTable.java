package org.sisbridge.benchmark;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * An empty copy of a staging table (same columns, key and indexes) that a yardstick writes the
 * pipeline's rows into, one batch and one commit at a time, as the pipeline commits a page or chunk:
 * a plain JDBC batch insert, or on PostgreSQL a {@code COPY ... FROM STDIN} per batch.
 */
final class YardstickTable implements AutoCloseable {

    enum Method { BATCH_INSERT, POSTGRES_COPY }

    private final Connection connection;
    private final Method method;
    private final String copySql;
    private final PreparedStatement insert;
    private final int[] sqlTypes;

    /** Recreates {@code table} with {@code ddl} on a connection of its own, which it closes. */
    YardstickTable(Connection connection, Method method, String table, String columns, List<String> ddl)
            throws SQLException {
        this.connection = connection;
        this.method = method;
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
            insert = connection.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES ("
                    + "?,".repeat(sqlTypes.length - 1) + "?)");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
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
                        insert.setObject(i + 1, row[i]);
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
