package org.sisbridge.staging.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.staging.DatabaseTable;
import org.sisbridge.staging.StagingSchemaCheck;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The dictionary behind the printed DDL says what the Flyway migrations create: the same text
 * lengths (the roster's names doubled where the database counts UTF-16 units, as V6 does), and keys
 * the migrated tables have (so the generic layout passes the stricter check).
 */
class StagingDictionaryTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void theDictionaryMatchesTheMigratedTables(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "dictionary");
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        StagingSchemaCheck.Findings findings = StagingSchemaCheck.findings(database.dataSource(),
                PrintedDdlTest.load("generic"), t -> true);
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
        SoftAssertions softly = new SoftAssertions();
        try (Connection c = database.dataSource().getConnection()) {
            for (String table : CanonicalLayout.tables().keySet()) {
                DatabaseTable migrated = DatabaseTable.find(c, table).orElseThrow();
                for (StagingDictionary.Field f : StagingDictionary.table(table).fields().values()) {
                    if (f.length() != null) {
                        int declared = StagingDictionary.COUNTED_IN_CODE_POINTS.contains(table + "." + f.name())
                                ? database.dialect().lengthForCodePoints(f.length()) : f.length();
                        softly.assertThat(migrated.column(f.name()).orElseThrow().size()).as(table + "." + f.name())
                                .isEqualTo(declared);
                    }
                }
            }
        }
        softly.assertAll();
    }
}
