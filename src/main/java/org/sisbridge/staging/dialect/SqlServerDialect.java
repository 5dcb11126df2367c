package org.sisbridge.staging.dialect;

import java.util.List;

/** SQL Server (Colleague and generic staging): MERGE WITH (HOLDLOCK), NVARCHAR, DATETIME2, BIT. */
public class SqlServerDialect extends StagingDialect {

    @Override
    public String name() {
        return "SQL Server";
    }

    @Override
    public String quote(String identifier) {
        return "[" + identifier + "]";
    }

    /** HOLDLOCK: without it two concurrent MERGEs of a new key can both insert. */
    @Override
    protected String upsert(String table, Upsert u) {
        return "MERGE INTO " + table + " WITH (HOLDLOCK) AS t USING (VALUES (" + typedPlaceholders(u.typed()) + ")) AS s ("
                + String.join(", ", u.all()) + ") ON " + join(u.keyColumns(), c -> "t." + c + " = s." + c, " AND ")
                + " WHEN MATCHED THEN UPDATE SET " + join(u.valueColumns(), c -> "t." + c + " = s." + c, ", ")
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", u.all()) + ") VALUES ("
                + join(u.all(), c -> "s." + c, ", ") + ");";
    }

    @Override
    public String limit(String orderedSelect, int rows) {
        return orderedSelect + " OFFSET 0 ROWS FETCH NEXT " + rows + " ROWS ONLY";
    }

    @Override
    public String timestampType() {
        return "DATETIME2(3)";
    }

    @Override
    public String textType(int length) {
        return "NVARCHAR(" + length + ")";
    }

    @Override
    public String booleanType() {
        return "BIT";
    }

    @Override
    public String longTextType() {
        return "NVARCHAR(MAX)";
    }

    @Override
    public String identityClause() {
        return "IDENTITY(1,1)";
    }

    /** Counts UTF-16 units: a name of 100 code points outside the BMP needs 200 (the V6 migration). */
    @Override
    public int lengthForCodePoints(int codePoints) {
        return 2 * codePoints;
    }
}
