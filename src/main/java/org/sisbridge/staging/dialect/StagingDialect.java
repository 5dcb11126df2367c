package org.sisbridge.staging.dialect;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that differs between databases, in one place. This generic dialect speaks standard SQL
 * (SQL:2008 MERGE, FETCH FIRST, double-quoted identifiers); each database overrides only what it
 * does differently. Adding a database is adding one small subclass.
 *
 * <p>Insert-if-absent is not here on purpose: every writer does it portably (look up which keys
 * exist, then a plain batch INSERT; see {@code ExistingKeys}), because that also tells exactly which
 * records were duplicates, which vendor "insert ignore" batches do not report reliably.
 */
public class StagingDialect {

    public String name() {
        return "generic SQL";
    }

    /** An identifier quoted so that its case is kept (mapped college tables are often upper case). */
    public String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    /**
     * One row written whatever is there: inserted when its key is new, its other columns updated
     * otherwise. Parameters: the key columns, then the value columns, in the given order. The
     * column types are those of this dialect ({@link #textType}, {@link #timestampType}).
     */
    public final String upsert(String table, List<Column> keys, List<Column> values) {
        return upsert(table, new Upsert(keys, values));
    }

    /** The upsert of one database; {@code u} carries the columns in the forms every syntax needs. */
    protected String upsert(String table, Upsert u) {
        List<String> keyColumns = u.keyColumns();
        List<String> valueColumns = u.valueColumns();
        List<String> all = u.all();
        List<Column> typed = u.typed();
        return "MERGE INTO " + table + " t USING (VALUES (" + typedPlaceholders(typed) + ")) s (" + String.join(", ", all) + ")"
                + " ON (" + join(keyColumns, c -> "t." + c + " = s." + c, " AND ") + ")"
                + " WHEN MATCHED THEN UPDATE SET " + join(valueColumns, c -> c + " = s." + c, ", ")
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", all) + ") VALUES ("
                + join(all, c -> "s." + c, ", ") + ")";
    }

    /** A query limited to its first {@code rows} rows (the query must have an ORDER BY to be stable). */
    public String limit(String orderedSelect, int rows) {
        return orderedSelect + " FETCH FIRST " + rows + " ROWS ONLY";
    }

    /** A count or id: 64-bit integer. */
    public String countType() {
        return "BIGINT";
    }

    public String timestampType() {
        return "TIMESTAMP";
    }

    /** Text that holds any student's name: Unicode on every database. */
    public String textType(int length) {
        return "VARCHAR(" + length + ")";
    }

    /** The columns of one upsert: keys, then values, by name and with their types. */
    protected record Upsert(List<Column> keys, List<Column> values) {
        List<String> keyColumns() {
            return keys.stream().map(Column::name).toList();
        }

        List<String> valueColumns() {
            return values.stream().map(Column::name).toList();
        }

        List<Column> typed() {
            return java.util.stream.Stream.concat(keys.stream(), values.stream()).toList();
        }

        List<String> all() {
            return typed().stream().map(Column::name).toList();
        }
    }

    /** Parameters cast to their column types: a MERGE source row has no table to take types from. */
    protected static String typedPlaceholders(List<Column> columns) {
        return join(columns.stream().map(c -> "CAST(? AS " + c.sqlType() + ")").toList(), x -> x, ", ");
    }

    protected static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    protected static String join(List<String> columns, java.util.function.Function<String, String> each, String separator) {
        return columns.stream().map(each).collect(Collectors.joining(separator));
    }
}
