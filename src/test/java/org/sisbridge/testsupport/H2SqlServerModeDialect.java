package org.sisbridge.testsupport;

import org.sisbridge.staging.dialect.SqlServerDialect;

/**
 * The SQL Server dialect as H2's MSSQLServer mode can run it: H2 does not know the HOLDLOCK table
 * hint, so the compatibility tests run the MERGE without it. Everything else is the real SQL.
 */
final class H2SqlServerModeDialect extends SqlServerDialect {

    @Override
    protected String upsert(String table, Upsert u) {
        return super.upsert(table, u).replace(" WITH (HOLDLOCK)", "");
    }
}
