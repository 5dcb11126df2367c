package org.sisbridge.staging.dialect;

import java.io.IOException;
import java.io.StringReader;
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
 * PostgreSQL's insert-if-absent at the speed of COPY: the batch goes by {@code COPY ... FROM STDIN}
 * into a temporary table of the target's columns (no index, no WAL), then one {@code INSERT ...
 * SELECT ... ON CONFLICT (scope, key) DO NOTHING RETURNING scope, key} moves it into the table. The
 * returned keys are the new rows; nothing is looked up first. The temporary table lives as long as
 * the pooled connection and is emptied at every commit (ON COMMIT DELETE ROWS, a truncate: no bloat);
 * a rollback takes its rows back with the rest. It works through HikariCP ({@code unwrap}).
 */
public final class PostgresCopyInsert {

    private final String createTemporary;
    private final String copySql;
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
        this.copySql = "COPY " + temporary + " (" + list + ") FROM STDIN (FORMAT csv)";
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
     * @param rows each row's canonical values in the order of the fields (unconverted: the mapping converts them)
     * @return the {@link #id}s of the rows inserted now
     */
    public Set<String> insert(Connection connection, List<List<Object>> rows) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(createTemporary);
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(csv(rows)));
        } catch (IOException e) {
            throw new SQLException("COPY into the temporary table failed: " + e.getMessage(), e);
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(insertSql); ResultSet rs = insert.executeQuery()) {
            while (rs.next()) {
                inserted.add(id(rs.getString(1), rs.getString(2)));
            }
        }
        return inserted;
    }

    /** CSV as COPY reads it: a null is an unquoted empty field, every other value is quoted ("" stays an empty text). */
    private String csv(List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder(rows.size() * 320);
        for (List<Object> row : rows) {
            for (int f = 0; f < fields.size(); f++) {
                if (f > 0) {
                    csv.append(',');
                }
                Object raw = row.get(f);
                // an unconverted date and time as ISO text, which COPY reads as it is: through java.sql.Timestamp
                // (the mapping's as-is value for a bind) each cost a calendar computation, the top frame of COPY's text in a recording
                quoted(csv, (raw instanceof LocalDateTime || raw instanceof LocalDate) && !mapping.columns().containsKey(fields.get(f))
                        ? raw : mapping.value(fields.get(f), raw));
            }
            for (String constant : mapping.constants().values()) {
                csv.append(',');
                quoted(csv, constant);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static void quoted(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        String text = value.toString();
        csv.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        csv.append('"');
    }
}
