package org.sisbridge.staging.dialect;

import java.util.List;

/** MariaDB and MySQL: ON DUPLICATE KEY UPDATE, backtick quoting, DATETIME(3) for timestamps. */
public class MariaDbDialect extends StagingDialect {

    @Override
    public String name() {
        return "MariaDB/MySQL";
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier + "`";
    }

    @Override
    protected String upsert(String table, Upsert u) {
        return "INSERT INTO " + table + " (" + String.join(", ", u.all()) + ") VALUES (" + placeholders(u.all().size()) + ")"
                + " ON DUPLICATE KEY UPDATE " + join(u.valueColumns(), c -> c + " = VALUES(" + c + ")", ", ");
    }

    @Override
    public String limit(String orderedSelect, int rows) {
        return orderedSelect + " LIMIT " + rows;
    }

    @Override
    public String timestampType() {
        // TIMESTAMP would convert time zones and stop in 2038
        return "DATETIME(3)";
    }

    @Override
    public String longTextType() {
        return "MEDIUMTEXT";
    }

    @Override
    public String identityClause() {
        return "AUTO_INCREMENT";
    }

    @Override
    public String currentTimestamp() {
        return "CURRENT_TIMESTAMP(3)";
    }

    /** Binary collation: keys such as event_id compare case-sensitively, as on the other databases. */
    @Override
    public String tableOptions() {
        return " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    }
}
