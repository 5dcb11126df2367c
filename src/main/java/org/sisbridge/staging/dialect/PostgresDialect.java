package org.sisbridge.staging.dialect;

import java.util.List;

/** PostgreSQL: INSERT ... ON CONFLICT DO UPDATE, LIMIT, TEXT for large text. */
public class PostgresDialect extends StagingDialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String upsert(String table, List<Column> keys, List<Column> values) {
        List<String> keyColumns = names(keys);
        List<String> valueColumns = names(values);
        List<String> all = concat(keyColumns, valueColumns);
        List<Column> typed = concatColumns(keys, values);
        return "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES (" + placeholders(all.size()) + ")"
                + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO UPDATE SET "
                + join(valueColumns, c -> c + " = EXCLUDED." + c, ", ");
    }

    @Override
    public String limit(String orderedSelect, int rows) {
        return orderedSelect + " LIMIT " + rows;
    }

    @Override
    public String largeTextType() {
        return "TEXT";
    }
}
