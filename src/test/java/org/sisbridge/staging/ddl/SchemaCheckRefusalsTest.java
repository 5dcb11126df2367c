package org.sisbridge.staging.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.staging.StagingSchemaCheck;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.SqlScript;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Issue 12's reproductions of a {@code check} that passed what fails later: a DBA's tables made from
 * the printed DDL with one thing changed each, as a DBA might. {@code CCTC_SHA256 VARCHAR(10)} (a
 * sha256 is 64 characters), a {@code DATETIME} without fractional seconds (MariaDB drops the
 * upstream's milliseconds), a table without the key exactly-once rests on, and a text timestamp column
 * made a TIMESTAMP: each is named with the type it has and what it needs, in words.
 */
class SchemaCheckRefusalsTest {

    @TempDir
    Path dir;

    /** The printed DDL with a DBA's edits: each a regular expression and its replacement. */
    private void create(TestDatabase database, String mapping, String... edits) throws Exception {
        String script = ShippedDdlTest.printed(dir, mapping, database.kind().name().toLowerCase(Locale.ROOT));
        for (int i = 0; i < edits.length; i += 2) {
            String edited = script.replaceAll(edits[i], edits[i + 1]);
            assertThat(edited).as("edit " + edits[i]).isNotEqualTo(script);
            script = edited;
        }
        SqlScript.run(database.dataSource(), script);
    }

    private static String wholeSeconds(TestDatabase database) {
        return database.kind() == org.sisbridge.staging.StagingDatabase.MARIADB ? "DATETIME" : "TIMESTAMP(0)";
    }

    private static String text10(TestDatabase database) {
        return database.kind() == org.sisbridge.staging.StagingDatabase.H2 ? "CHARACTER VARYING(10)" : "VARCHAR(10)";
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aShortShaAWrongTypeAndAMissingKeyAreRefusedInWords(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "check-ps");
        create(database, "peoplesoft",
                "(CCTC_SHA256\\s+)\\S+", "$1VARCHAR(10)",
                "(LOADED_DTTM_TXT\\s+)VARCHAR\\(26\\)", "$1" + database.dialect().timestampType(),
                ",\\n    CONSTRAINT PK_CCTC_EVENT_STG PRIMARY KEY \\([^)]*\\)", "");
        List<String> errors = StagingSchemaCheck.findings(database.dataSource(), PrintedDdlTest.load("peoplesoft"), t -> true)
                .errors();
        assertThat(errors).hasSize(4).noneMatch(e -> e.contains("JDBC type"));
        assertThat(errors).contains("column CCTC_IDME_RPT_LOAD.CCTC_SHA256 is " + text10(database)
                + ", needs text of at least 64 characters");
        assertThat(errors).anyMatch(e -> e.matches("column CCTC_IDME_CHANGE_STG.LOADED_DTTM_TXT is (TIMESTAMP|DATETIME)(\\(\\d\\))?,"
                + " needs text of at least 26 characters"));
        assertThat(errors).contains("table CCTC_EVENT_STG has no unique key on (CCTC_EVENT_ID, INSTITUTION): the agent relies"
                + " on it to store each record exactly once; add PRIMARY KEY or UNIQUE (CCTC_EVENT_ID, INSTITUTION)");

        Cli.Result check = Cli.run("check", "--config", new SiteConfig(database)
                .set("sisbridge.staging.manage-schema", false)
                .set("sisbridge.staging.mapping", PrintedDdlTest.mappingFile("peoplesoft")).write().toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("- column CCTC_IDME_RPT_LOAD.CCTC_SHA256 is " + text10(database)
                + ", needs text of at least 64 characters").doesNotContain("JDBC type");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void wholeSecondsAreRefusedForTheUpstreamsMillisecondsAndAWarningForTheAgentsOwnTimes(DatabaseKind kind)
            throws Exception {
        TestDatabase database = TestDatabases.create(kind, "check-banner");
        create(database, "banner", "(SZREVNT_\\w+_DATE\\s+)(DATETIME\\(3\\)|TIMESTAMP)", "$1" + wholeSeconds(database));
        StagingSchemaCheck.Findings findings = StagingSchemaCheck.findings(database.dataSource(),
                PrintedDdlTest.load("banner"), t -> true);
        String is = "is " + wholeSeconds(database).replace("(0)", "") + ", which keeps whole seconds";
        assertThat(findings.errors()).containsExactlyInAnyOrder(
                "column SZREVNT.SZREVNT_EVENT_DATE " + is + ": the upstream sends milliseconds; needs a date and time with"
                        + " fractional seconds (such as DATETIME(3) or TIMESTAMP(3))",
                "column SZREVNT.SZREVNT_IDME_CONFIRM_DATE " + is + ": the upstream sends milliseconds; needs a date and time"
                        + " with fractional seconds (such as DATETIME(3) or TIMESTAMP(3))");
        assertThat(findings.warnings()).containsExactly("column SZREVNT.SZREVNT_ACTIVITY_DATE " + is
                + ": the agent's own times lose their milliseconds (the order of the latest rows may tie);"
                + " DATETIME(3) or TIMESTAMP(3) keeps them");
    }
}
