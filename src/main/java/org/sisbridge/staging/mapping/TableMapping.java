package org.sisbridge.staging.mapping;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where one canonical staging table goes in a college's layout: its table name, the column each
 * canonical field goes to (with its conversion), and constant columns the layout fills on every row
 * (PeopleSoft's LASTUPDOPRID = 'CCTC', say). Fields not named keep their canonical column name.
 */
public record TableMapping(String table, Map<String, ColumnMapping> columns, Map<String, String> constants,
                           Map<String, String> kinds) {

    public record ColumnMapping(String column, ColumnConversion conversion) {
    }

    public String column(String canonical) {
        ColumnMapping mapped = columns.get(canonical);
        return mapped == null ? canonical : mapped.column();
    }

    public Object value(String canonical, Object value) {
        ColumnMapping mapped = columns.get(canonical);
        return mapped == null ? new ColumnConversion.AsIs().apply(value) : mapped.conversion().apply(value);
    }

    /**
     * A date and time read back from column {@code index} of a row: a text column through its
     * {@code format:} pattern (PeopleSoft's LOADED_DTTM_TXT), any other as the timestamp it is.
     * Text that does not fit the pattern is an error naming the column, the value and the pattern.
     */
    public LocalDateTime readTimestamp(String canonical, ResultSet rs, int index) throws SQLException {
        ColumnMapping mapped = columns.get(canonical);
        if (mapped != null && mapped.conversion() instanceof ColumnConversion.DateTimeText text) {
            String raw = rs.getString(index);
            if (raw == null || raw.isBlank()) {
                return null;
            }
            try {
                return text.format().parse(raw.trim(), LocalDateTime::from);
            } catch (DateTimeException e) {
                throw new SQLException(table + "." + mapped.column() + " holds '" + raw + "', which does not match its"
                        + " mapping's format " + text.format() + ": " + e.getMessage(), e);
            }
        }
        Timestamp value = rs.getTimestamp(index);
        return value == null ? null : value.toLocalDateTime();
    }

    /** The column kind after conversion: what a college's column must be able to hold. */
    public String targetKind(String canonical) {
        ColumnMapping mapped = columns.get(canonical);
        return mapped != null && mapped.conversion().producesText() ? "text" : kinds.get(canonical);
    }

    private int nullType(String canonical) {
        String kind = targetKind(canonical);
        return switch (kind == null ? "text" : kind) {
            case "timestamp" -> Types.TIMESTAMP;
            case "date" -> Types.DATE;
            case "number" -> Types.BIGINT;
            case "boolean" -> Types.BOOLEAN;
            default -> Types.VARCHAR;
        };
    }

    /** INSERT of the given canonical fields (in that order), then the layout's constant columns. */
    public String insertSql(List<String> canonicalFields) {
        List<String> targets = new ArrayList<>();
        canonicalFields.forEach(f -> targets.add(column(f)));
        targets.addAll(constants.keySet());
        return "INSERT INTO " + table + " (" + String.join(", ", targets) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(targets.size(), "?")) + ")";
    }

    /** A row given by canonical field name, as values in the order of {@code fields}; every field must be there. */
    public static List<Object> inFieldOrder(List<String> fields, Map<String, Object> row) {
        List<Object> values = new ArrayList<>(fields.size());
        for (String field : fields) {
            if (!row.containsKey(field)) {
                throw new IllegalStateException("no value for canonical field " + field);
            }
            values.add(row.get(field));
        }
        return values;
    }

    /** Binds one row of {@link #insertSql}: values in the order of its canonical fields. */
    public void bind(PreparedStatement insert, List<String> canonicalFields, List<Object> values) throws SQLException {
        bindConverted(insert, canonicalFields, converted(canonicalFields, values));
    }

    /**
     * A row's values converted for this table's columns ({@link #value}), in the order of its canonical
     * fields: apart from {@link #bindConverted}, so that a pipeline converts on the thread that read the
     * rows and its writer thread only binds (a college's layout formats timestamps as text, say).
     */
    public Object[] converted(List<String> canonicalFields, List<Object> values) {
        Object[] converted = new Object[canonicalFields.size()];
        for (int f = 0; f < converted.length; f++) {
            converted[f] = value(canonicalFields.get(f), values.get(f));
        }
        return converted;
    }

    /**
     * Binds one row of {@link #insertSql} from its {@link #converted} values, then the layout's constants;
     * each value by its own type's setter ({@link TypedParameter}).
     */
    public void bindConverted(PreparedStatement insert, List<String> canonicalFields, Object[] converted) throws SQLException {
        int i = 1;
        for (int f = 0; f < converted.length; f++) {
            Object value = converted[f];
            if (value == null) {
                // a typed null: PostgreSQL refuses an untyped one for a timestamp column
                insert.setNull(i++, nullType(canonicalFields.get(f)));
            } else {
                TypedParameter.set(insert, i++, value);
            }
        }
        for (String constant : constants.values()) {
            insert.setString(i++, constant);
        }
    }
}
