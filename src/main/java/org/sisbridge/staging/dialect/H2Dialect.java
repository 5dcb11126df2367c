package org.sisbridge.staging.dialect;

import java.util.List;

/** H2, the embedded default: MERGE ... KEY is its short, atomic upsert. */
public class H2Dialect extends StagingDialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    protected String upsert(String table, Upsert u) {
        return "MERGE INTO " + table + " (" + String.join(", ", u.all()) + ") KEY (" + String.join(", ", u.keyColumns())
                + ") VALUES (" + placeholders(u.all().size()) + ")";
    }

    /** Counts UTF-16 units: a name of 100 code points outside the BMP needs 200 (the V6 migration). */
    @Override
    public int lengthForCodePoints(int codePoints) {
        return 2 * codePoints;
    }
}
