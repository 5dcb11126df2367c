package org.sisbridge.staging.dialect;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postgresql.PGConnection;
import org.sisbridge.staging.DatabaseTable;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * PostgreSQL's insert-if-absent at the speed of COPY, two ways:
 * <ul>
 * <li>{@link #copyAll}: {@code COPY ... FROM STDIN} straight into the table, for a batch none of whose
 * keys can be there yet; a key the table does hold fails the whole COPY (SQLState 23505), and the
 * caller, which ran it under a savepoint, rolls back to it and takes the other way;</li>
 * <li>{@link #insertAbsent}: COPY into a temporary table of the target's columns (no index, no WAL),
 * then one {@code INSERT ... SELECT ... ON CONFLICT (scope, key) DO NOTHING RETURNING scope, key}
 * moves it into the table. The returned keys are the new rows; nothing is looked up first. The
 * temporary table lives as long as the pooled connection and is emptied at every commit (ON COMMIT
 * DELETE ROWS, a truncate: no bloat); a rollback takes its rows back with the rest.</li>
 * </ul>
 * Both work through HikariCP ({@code unwrap}). The rows go to the server as UTF-8 CSV bytes written
 * directly, not through a String and a Reader: building that text was the writer's top frame.
 */
public final class PostgresCopyInsert {

    private final String createTemporary;
    private final String copyIntoTemporary;
    private final String copyIntoTable;
    private final String insertSql;
    private final List<String> fields;
    private final TableMapping mapping;

    public PostgresCopyInsert(TableMapping mapping, List<String> fields, String scopeField, String keyField) {
        this.mapping = mapping;
        this.fields = List.copyOf(fields);
        List<String> columns = new ArrayList<>();
        fields.forEach(f -> columns.add(mapping.column(f)));
        columns.addAll(mapping.constants().keySet());
        String list = String.join(", ", columns);
        String temporary = "sisbridge_in_" + mapping.table().replace('.', '_').toLowerCase(Locale.ROOT);
        this.createTemporary = "CREATE TEMPORARY TABLE IF NOT EXISTS " + temporary + " ON COMMIT DELETE ROWS AS SELECT "
                + list + " FROM " + mapping.table() + " WITH NO DATA";
        this.copyIntoTemporary = "COPY " + temporary + " (" + list + ") FROM STDIN (FORMAT csv)";
        this.copyIntoTable = "COPY " + mapping.table() + " (" + list + ") FROM STDIN (FORMAT csv)";
        String scope = mapping.column(scopeField);
        String key = mapping.column(keyField);
        this.insertSql = "INSERT INTO " + mapping.table() + " (" + list + ") SELECT " + list + " FROM " + temporary
                + " ON CONFLICT (" + scope + ", " + key + ") DO NOTHING RETURNING " + scope + ", " + key;
    }

    public static boolean isPostgres(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /** PostgreSQL, and the table's primary key or a unique index is exactly (scope, key): ON CONFLICT needs one. */
    public static boolean applies(Connection connection, TableMapping mapping, List<String> fields, String scopeField,
                                  String keyField) throws SQLException {
        if (!isPostgres(connection)) {
            return false;
        }
        var table = DatabaseTable.find(connection, mapping.table());
        if (table.isEmpty()) {
            return false;
        }
        Set<String> wanted = Set.of(mapping.column(scopeField).toLowerCase(Locale.ROOT),
                mapping.column(keyField).toLowerCase(Locale.ROOT));
        return table.get().uniqueKeys(connection).stream().anyMatch(wanted::equals);
    }

    /** How a returned (scope, key) is compared with the batch's: as text, trailing blanks of CHAR(n) columns dropped. */
    public static String id(String scope, String key) {
        return scope.stripTrailing() + "/" + key.stripTrailing();
    }

    /**
     * The COPY text of a batch, without the database (a pipeline makes it off its writer thread).
     *
     * @param rows each row's canonical values in the order of the fields (unconverted: the mapping converts them)
     */
    public CopyText text(List<List<Object>> rows) {
        return csv(rows);
    }

    /**
     * Every row straight into the table, or none: run it under a savepoint, and on a key violation
     * roll back to it and use {@link #insertAbsent}.
     *
     * @param rows the {@link #text} of rows no two of which have the same key
     */
    public void copyAll(Connection connection, CopyText rows) throws SQLException {
        copy(connection, copyIntoTable, rows);
    }

    /**
     * @param rows the {@link #text} of the rows
     * @return the {@link #id}s of the rows inserted now
     */
    public Set<String> insertAbsent(Connection connection, CopyText rows) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(createTemporary);
        }
        copy(connection, copyIntoTemporary, rows);
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(insertSql); ResultSet rs = insert.executeQuery()) {
            while (rs.next()) {
                inserted.add(id(rs.getString(1), rs.getString(2)));
            }
        }
        return inserted;
    }

    private static void copy(Connection connection, String sql, CopyText text) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, text.asStream());
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** CSV as COPY reads it: a null is an unquoted empty field, every other value is quoted ("" stays an empty text). */
    private CopyText csv(List<List<Object>> rows) {
        CopyText csv = new CopyText(rows.size() * 400);
        List<String> constants = List.copyOf(mapping.constants().values());
        for (List<Object> row : rows) {
            for (int f = 0; f < fields.size(); f++) {
                if (f > 0) {
                    csv.comma();
                }
                Object raw = row.get(f);
                // an unconverted date and time as ISO text, which COPY reads as it is: through java.sql.Timestamp
                // (the mapping's as-is value for a bind) each cost a calendar computation, the top frame of COPY's text in a recording
                csv.quoted((raw instanceof LocalDateTime || raw instanceof LocalDate) && !mapping.columns().containsKey(fields.get(f))
                        ? raw : mapping.value(fields.get(f), raw));
            }
            for (String constant : constants) {
                csv.comma();
                csv.quoted(constant);
            }
            csv.endOfRow();
        }
        return csv;
    }
}
