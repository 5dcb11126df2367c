package org.sisbridge.staging.dialect;

import java.util.List;

/** H2, the embedded default: MERGE ... KEY is its short, atomic upsert. */
public class H2Dialect extends StagingDialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String upsert(String table, List<Column> keys, List<Column> values) {
        List<String> keyColumns = names(keys);
        List<String> valueColumns = names(values);
        List<String> all = concat(keyColumns, valueColumns);
        List<Column> typed = concatColumns(keys, values);
        return "MERGE INTO " + table + " (" + String.join(", ", all) + ") KEY (" + String.join(", ", keyColumns)
                + ") VALUES (" + placeholders(all.size()) + ")";
    }
}
