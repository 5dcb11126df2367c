package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sisbridge.staging.dialect.Column;

/**
 * The per-database SQL, word for word. PostgreSQL and MariaDB also run it against their real
 * servers, SQL Server and Oracle on H2 in compatibility mode, through the end-to-end suites.
 */
class StagingDialectTest {

    private static final List<Column> KEYS = List.of(new Column("flow", "VARCHAR(64)"), new Column("scope", "VARCHAR(64)"));
    private static final List<Column> VALUES = List.of(new Column("cursor_value", "VARCHAR(1000)"));

    @Test
    void eachDatabaseUpsertsInItsOwnSyntax() {
        assertThat(StagingDatabase.H2.dialect().upsert("cp", KEYS, VALUES))
                .isEqualTo("MERGE INTO cp (flow, scope, cursor_value) KEY (flow, scope) VALUES (?, ?, ?)");
        assertThat(StagingDatabase.POSTGRESQL.dialect().upsert("cp", KEYS, VALUES))
                .isEqualTo("INSERT INTO cp (flow, scope, cursor_value) VALUES (?, ?, ?)"
                        + " ON CONFLICT (flow, scope) DO UPDATE SET cursor_value = EXCLUDED.cursor_value");
        assertThat(StagingDatabase.MARIADB.dialect().upsert("cp", KEYS, VALUES))
                .isEqualTo("INSERT INTO cp (flow, scope, cursor_value) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE cursor_value = VALUES(cursor_value)");
        assertThat(StagingDatabase.SQLSERVER.dialect().upsert("cp", KEYS, VALUES))
                .startsWith("MERGE INTO cp WITH (HOLDLOCK) AS t USING (VALUES (CAST(? AS VARCHAR(64)),")
                .contains("ON t.flow = s.flow AND t.scope = s.scope")
                .endsWith("WHEN NOT MATCHED THEN INSERT (flow, scope, cursor_value) VALUES (s.flow, s.scope, s.cursor_value);");
        assertThat(StagingDatabase.ORACLE.dialect().upsert("cp", KEYS, VALUES))
                .startsWith("MERGE INTO cp t USING (SELECT CAST(? AS VARCHAR(64)) AS flow,")
                .contains("FROM dual) s ON (t.flow = s.flow AND t.scope = s.scope)");
    }

    @Test
    void quotingPagingAndTypesDifferWhereTheDatabasesDo() {
        assertThat(StagingDatabase.MARIADB.dialect().quote("CCTC_EVENT_STG")).isEqualTo("`CCTC_EVENT_STG`");
        assertThat(StagingDatabase.SQLSERVER.dialect().quote("CCTC_EVENT_STG")).isEqualTo("[CCTC_EVENT_STG]");
        assertThat(StagingDatabase.ORACLE.dialect().quote("SZREVNT")).isEqualTo("\"SZREVNT\"");
        assertThat(StagingDatabase.POSTGRESQL.dialect().limit("SELECT a FROM t ORDER BY a", 5)).endsWith("LIMIT 5");
        assertThat(StagingDatabase.SQLSERVER.dialect().limit("SELECT a FROM t ORDER BY a", 5))
                .endsWith("OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY");
        assertThat(StagingDatabase.ORACLE.dialect().limit("SELECT a FROM t ORDER BY a", 5)).endsWith("FETCH FIRST 5 ROWS ONLY");
        assertThat(StagingDatabase.ORACLE.dialect().textType(100)).isEqualTo("VARCHAR2(100 CHAR)");
        assertThat(StagingDatabase.SQLSERVER.dialect().textType(100)).isEqualTo("NVARCHAR(100)");
        assertThat(StagingDatabase.MARIADB.dialect().timestampType()).isEqualTo("DATETIME(3)");
    }

    @Test
    void theDatabaseComesFromTheUrlUnlessConfigurationNamesIt() {
        assertThat(StagingDatabase.fromSetting("auto", "jdbc:sqlserver://db:1433;databaseName=stg")).isEqualTo(StagingDatabase.SQLSERVER);
        assertThat(StagingDatabase.fromSetting("auto", "jdbc:oracle:thin:@//db:1521/BAN")).isEqualTo(StagingDatabase.ORACLE);
        assertThat(StagingDatabase.fromSetting("oracle", "jdbc:h2:mem:x;MODE=Oracle")).isEqualTo(StagingDatabase.ORACLE);
        assertThatThrownBy(() -> StagingDatabase.fromSetting("db2", "jdbc:db2://x")).hasMessageContaining("sisbridge.staging.database");
        assertThatThrownBy(() -> StagingDatabase.fromJdbcUrl("jdbc:db2://x")).hasMessageContaining("unsupported database");
    }

    @Test
    void configuredNamesMustBePlainIdentifiers() {
        assertThat(SqlIdentifier.require("k", "SYSADM.CCTC_EVENT_STG")).isEqualTo("SYSADM.CCTC_EVENT_STG");
        assertThatThrownBy(() -> SqlIdentifier.require("sisbridge.events.table", "events; DROP TABLE x"))
                .hasMessageContaining("sisbridge.events.table");
        assertThatThrownBy(() -> SqlIdentifier.require("k", "a.b.c")).isInstanceOf(IllegalArgumentException.class);
    }
}
