package org.sisbridge.staging.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sisbridge.staging.StagingSchemaCheck;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * {@code migrate --print} used to show only the mapped tables: a DBA who created the schema from it
 * had no table for the SIS source query (V7), reconciliation (V9) or the digest (V10), and the agent,
 * with sisbridge.staging.manage-schema=false, started and then failed on the flow's first statement.
 * The printed DDL now carries them (the migration's own statements) and the outbox index the source
 * query's look-up uses, under the mapping; the start-up check names a missing one and its switch.
 */
class AgentOwnTablesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb", "sqlserver", "oracle", "h2"})
    void thePrintedDdlHasTheAgentsOwnTablesAndTheOutboxIndexUnderTheMapping(String database) throws Exception {
        String generic = ShippedDdlTest.printed(dir, "generic", database);
        for (String table : new String[] {"cccid_source_student", "sisbridge_reconcile_run", "cccid_reconcile", "sisbridge_digest"}) {
            assertThat(generic).as(table).containsPattern("(?m)^CREATE TABLE " + table + " \\(");
        }
        assertThat(generic).contains("CREATE INDEX ix_cccid_reconcile_checked ON cccid_reconcile (checked_at);")
                .contains(" ON cccid_request (mis_code, local_id, request_id);");

        // in a college's layout the outbox index is on its table and columns, never on one it does not have
        String peoplesoft = ShippedDdlTest.printed(dir, "peoplesoft", database);
        assertThat(peoplesoft).doesNotContain("ON cccid_request").containsPattern("(?m)^CREATE TABLE cccid_reconcile \\(");
    }

    static Stream<Arguments> databases() {
        return TestDatabases.withCompatibilityModes().map(Arguments::of);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("databases")
    void tablesMadeFromThePrintedDdlPassTheCheckAndAMissingOneIsNamedWithItsSwitch(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "own-tables");
        PrintedDdlTest.createAsADbaWould(dir, database, "generic");

        assertThat(StagingSchemaCheck.withOwnTables(database.dataSource(), PrintedDdlTest.load("generic"), t -> true).errors())
                .isEmpty();

        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE cccid_reconcile");
        }
        assertThat(StagingSchemaCheck.withOwnTables(database.dataSource(), PrintedDdlTest.load("generic"), t -> true).errors())
                .containsExactly("table cccid_reconcile (needed with sisbridge.reconcile.enabled=true) does not exist"
                        + " or has no columns this user can see");
        // a flow that is off needs none of its tables
        assertThat(StagingSchemaCheck.withOwnTables(database.dataSource(), PrintedDdlTest.load("generic"),
                t -> !t.equals("cccid_reconcile")).errors()).isEmpty();
    }
}
