package org.sisbridge.staging.dialect;

import java.util.List;

/** PostgreSQL: INSERT ... ON CONFLICT DO UPDATE, LIMIT. */
public class PostgresDialect extends StagingDialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    protected String upsert(String table, Upsert u) {
        return "INSERT INTO " + table + " (" + String.join(", ", u.all()) + ") VALUES (" + placeholders(u.all().size()) + ")"
                + " ON CONFLICT (" + String.join(", ", u.keyColumns()) + ") DO UPDATE SET "
                + join(u.valueColumns(), c -> c + " = EXCLUDED." + c, ", ");
    }

    @Override
    public String limit(String orderedSelect, int rows) {
        return orderedSelect + " LIMIT " + rows;
    }

    @Override
    public String longTextType() {
        return "TEXT";
    }
}
