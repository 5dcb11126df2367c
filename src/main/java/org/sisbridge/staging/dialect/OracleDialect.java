package org.sisbridge.staging.dialect;

import java.util.List;

/** Oracle (Banner, PeopleSoft): MERGE ... USING (SELECT ... FROM dual), NUMBER(1), VARCHAR2 in characters. */
public class OracleDialect extends StagingDialect {

    @Override
    public String name() {
        return "Oracle";
    }

    @Override
    public String upsert(String table, List<Column> keys, List<Column> values) {
        List<String> keyColumns = names(keys);
        List<String> valueColumns = names(values);
        List<String> all = concat(keyColumns, valueColumns);
        List<Column> typed = concatColumns(keys, values);
        return "MERGE INTO " + table + " t USING (SELECT "
                + join(typed.stream().map(c -> "CAST(? AS " + c.sqlType() + ") AS " + c.name()).toList(), x -> x, ", ")
                + " FROM dual) s"
                + " ON (" + join(keyColumns, c -> "t." + c + " = s." + c, " AND ") + ")"
                + " WHEN MATCHED THEN UPDATE SET " + join(valueColumns, c -> "t." + c + " = s." + c, ", ")
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", all) + ") VALUES ("
                + join(all, c -> "s." + c, ", ") + ")";
    }

    @Override
    public String booleanType() {
        return "NUMBER(1)";
    }

    @Override
    public String timestampType() {
        return "TIMESTAMP(3)";
    }

    /** Lengths in characters, not bytes: a 100-character name with accents must fit. */
    @Override
    public String textType(int length) {
        return "VARCHAR2(" + length + " CHAR)";
    }
}
