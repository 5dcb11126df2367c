package org.sisbridge.testsupport;

import java.util.List;
import org.sisbridge.staging.dialect.Column;
import org.sisbridge.staging.dialect.SqlServerDialect;

/**
 * The SQL Server dialect as H2's MSSQLServer mode can run it: H2 does not know the HOLDLOCK table
 * hint, so the compatibility tests run the MERGE without it. Everything else is the real SQL.
 */
final class H2SqlServerModeDialect extends SqlServerDialect {

    @Override
    public String upsert(String table, List<Column> keys, List<Column> values) {
        return super.upsert(table, keys, values).replace(" WITH (HOLDLOCK)", "");
    }
}
