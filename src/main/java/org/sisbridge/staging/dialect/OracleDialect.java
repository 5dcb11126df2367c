package org.sisbridge.staging.dialect;

import java.util.List;

/** Oracle (Banner, PeopleSoft): MERGE ... USING (SELECT ... FROM dual), NUMBER(1), VARCHAR2 in characters. */
public class OracleDialect extends StagingDialect {

    @Override
    public String name() {
        return "Oracle";
    }

    @Override
    protected String upsert(String table, Upsert u) {
        return "MERGE INTO " + table + " t USING (SELECT "
                + join(u.typed().stream().map(c -> "CAST(? AS " + c.sqlType() + ") AS " + c.name()).toList(), x -> x, ", ")
                + " FROM dual) s"
                + " ON (" + join(u.keyColumns(), c -> "t." + c + " = s." + c, " AND ") + ")"
                + " WHEN MATCHED THEN UPDATE SET " + join(u.valueColumns(), c -> "t." + c + " = s." + c, ", ")
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", u.all()) + ") VALUES ("
                + join(u.all(), c -> "s." + c, ", ") + ")";
    }

    @Override
    public String countType() {
        return "NUMBER(19)";
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

    @Override
    public String booleanType() {
        return "NUMBER(1)";
    }
}
