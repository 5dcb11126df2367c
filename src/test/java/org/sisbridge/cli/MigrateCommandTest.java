package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/** {@code ./sisbridge migrate}: a DBA creates the schema once, then the agent runs with manage-schema=false. */
class MigrateCommandTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void createsTheSchemaOnceSoThatAnAgentThatManagesNoSchemaStarts(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 30;
        TestDatabase db = TestDatabases.create(kind, "migrate");
        try (AgentFixture fixture = new AgentFixture(settings, db).property("sisbridge.staging.manage-schema", false)) {
            SiteConfig site = new SiteConfig(fixture.simulator, db).set("sisbridge.staging.manage-schema", false);
            String config = site.write().toString();

            Cli.Result before = Cli.run("check", "--config", config);
            assertThat(before.exitCode()).isEqualTo(1);
            assertThat(before.out()).contains("ERROR staging schema incomplete and sisbridge.staging.manage-schema=false");

            Cli.Result first = Cli.run("migrate", "--config", config);
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.out()).contains("Applied version 1: events staging", "Applied version 4: roster staging");
            java.util.regex.Matcher applied = java.util.regex.Pattern.compile("migration\\(s\\) applied; the schema is now at version (\\d+)\\.")
                    .matcher(first.out());
            assertThat(applied.find()).as(first.out()).isTrue();
            String version = applied.group(1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request")).as("the tables exist, empty").isZero();

            Cli.Result again = Cli.run("migrate", "--config", config);
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("Already current at version " + version + "; nothing to apply.").doesNotContain("Applied");

            assertThat(Cli.run("check", "--config", config).out())
                    .contains("OK    staging schema has every table and column the agent needs");
            fixture.start();
            fixture.awaitEventsCaughtUp();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(30);
        }
    }
}
