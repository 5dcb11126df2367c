package org.sisbridge.roster;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sisbridge.staging.SqlIdentifier;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.ColumnConversion;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * One roster table as the college's mapping has it: the SQL of the roster flow names tables and
 * columns through here, and every value it writes or compares goes through the column's
 * conversion. Only conversions the flow can read back are accepted (see {@link #check}).
 */
public final class MappedTable {

    /** Fields the agent matches across tables, against upstream or against its own copy: stored as they are. */
    private static final Set<String> KEYS = Set.of("request_id", "batch_id", "job_id", "source");

    static final List<String> TABLES = List.of("cccid_request", "cccid_batch", "cccid_result", "cccid_roster_file");

    private final TableMapping mapping;

    MappedTable(TableMapping mapping) {
        this.mapping = mapping;
    }

    /** The generic layout's table of that name: no renamed column, no conversion, no constant. */
    static MappedTable generic(String canonical, String table) {
        return new MappedTable(new TableMapping(SqlIdentifier.require(canonical + " table", table), Map.of(), Map.of(),
                CanonicalLayout.tables().get(canonical)));
    }

    String table() {
        return mapping.table();
    }

    String col(String field) {
        return mapping.column(field);
    }

    /** The value as the column holds it (a Timestamp is taken as the wall-clock time it stands for). */
    Object value(String field, Object value) {
        return mapping.value(field, value instanceof Timestamp t ? t.toLocalDateTime() : value);
    }

    /** One of the agent's own constants (a status) as an SQL literal, converted as the column wants it. */
    String literal(String field, String constant) {
        return "'" + String.valueOf(value(field, constant)).replace("'", "''") + "'";
    }

    /** Whether a value read from the column is the given constant (after the column's conversion). */
    boolean is(String field, String constant, String read) {
        return read != null && read.equals(String.valueOf(value(field, constant)));
    }

    void set(PreparedStatement ps, int index, String field, Object value) throws SQLException {
        Object converted = value(field, value);
        if (converted == null) {
            ps.setNull(index, sqlType(mapping.targetKind(field)));
        } else {
            ps.setObject(index, converted);
        }
    }

    /** INSERT of these fields then the layout's constant columns; bind with {@link #bindRow}. */
    String insertSql(List<String> fields) {
        return mapping.insertSql(fields);
    }

    void bindRow(PreparedStatement ps, List<String> fields, List<Object> values) throws SQLException {
        List<Object> converted = new ArrayList<>(values.size());
        values.forEach(v -> converted.add(v instanceof Timestamp t ? t.toLocalDateTime() : v));
        mapping.bind(ps, fields, converted);
    }

    /** A date read back: the inverse of a format:&lt;pattern&gt; conversion, or the column's DATE as it is. */
    LocalDate date(ResultSet rs, int index, String field) throws SQLException {
        ColumnConversion conversion = conversion(field);
        if (conversion instanceof ColumnConversion.DateTimeText text) {
            String raw = rs.getString(index);
            if (raw == null || raw.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(raw.trim(), text.format());
            } catch (DateTimeParseException e) {
                throw new SQLException(mapping.table() + "." + col(field) + " holds '" + raw
                        + "', which is not a date in the mapping's format", e);
            }
        }
        return rs.getObject(index, LocalDate.class);
    }

    private ColumnConversion conversion(String field) {
        TableMapping.ColumnMapping mapped = mapping.columns().get(field);
        return mapped == null ? new ColumnConversion.AsIs() : mapped.conversion();
    }

    private static int sqlType(String kind) {
        return switch (kind == null ? "text" : kind) {
            case "timestamp" -> Types.TIMESTAMP;
            case "date" -> Types.DATE;
            case "number" -> Types.BIGINT;
            case "boolean" -> Types.BOOLEAN;
            default -> Types.VARCHAR;
        };
    }

    /**
     * The conversions of the roster tables the flow cannot honour, one sentence each: the roster
     * flow counts, compares and orders by its numbers, matches its keys across tables and against
     * upstream, and reads birth dates back to send them. So: no conversion of a number or of a key
     * (request_id, batch_id, job_id, source), no yes-no (the roster tables hold no flag), upper-case
     * only on text, and format:&lt;pattern&gt; only on a date or timestamp, with a pattern that writes
     * a date the agent can read back unchanged (a birth_date is read back through the same pattern).
     */
    public static List<String> problems(StagingMapping mapping) {
        List<String> problems = new ArrayList<>();
        for (String table : TABLES) {
            TableMapping t = mapping.table(table);
            for (Map.Entry<String, TableMapping.ColumnMapping> column : t.columns().entrySet()) {
                String field = column.getKey();
                String kind = t.kinds().get(field);
                ColumnConversion conversion = column.getValue().conversion();
                String where = table + "." + field + " (" + kind + ", column " + column.getValue().column() + ")";
                if (conversion instanceof ColumnConversion.AsIs) {
                    continue;
                }
                if (KEYS.contains(field) || "number".equals(kind)) {
                    problems.add(where + " cannot be converted: the roster flow matches, counts or orders by it; store it as it is");
                } else if (conversion instanceof ColumnConversion.YesNo) {
                    problems.add(where + " is not a flag: yes-no applies to boolean fields only");
                } else if (conversion instanceof ColumnConversion.UpperCase && !"text".equals(kind)) {
                    problems.add(where + ": upper-case applies to text only; use format:<pattern> for a date or time as text");
                } else if (conversion instanceof ColumnConversion.DateTimeText text) {
                    String trouble = roundTrip(text, kind);
                    if (trouble != null) {
                        problems.add(where + ": " + trouble);
                    }
                }
            }
        }
        return problems;
    }

    private static String roundTrip(ColumnConversion.DateTimeText text, String kind) {
        if (!"date".equals(kind) && !"timestamp".equals(kind)) {
            return "format:<pattern> applies to a date or timestamp only";
        }
        Object sample = "date".equals(kind) ? LocalDate.of(1987, 11, 23) : LocalDateTime.of(1987, 11, 23, 14, 5, 9);
        String written;
        try {
            written = String.valueOf(text.apply(sample));
        } catch (RuntimeException e) {
            return "its format cannot write a " + kind + " (" + e.getMessage() + ")";
        }
        if ("date".equals(kind)) {
            // a birth date is read back and sent upstream: the pattern must give back the same date
            LocalDate back;
            try {
                back = LocalDate.parse(written, text.format());
            } catch (RuntimeException e) {
                back = null;
            }
            if (!sample.equals(back)) {
                return "its format writes " + sample + " as '" + written + "', which does not read back as the same date";
            }
        }
        return null;
    }
}
