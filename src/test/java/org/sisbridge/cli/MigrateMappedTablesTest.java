package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Issue 12: {@code migrate} against a scratch database created the generic tables, not the mapped
 * ones. With a mapping it now creates each mapped table that is absent (once), so that the agent then
 * runs with manage-schema=false; and the agent's own start-up with manage-schema=true does the same.
 */
class MigrateMappedTablesTest {

    private static final Path PEOPLESOFT = AgentFixture.HOME.resolve("config/mappings/peoplesoft.yaml");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void migrateCreatesTheMappedTablesOnceAndTheAgentRunsOnThem(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 30;
        TestDatabase db = TestDatabases.create(kind, "migrate-mapped");
        try (AgentFixture fixture = new AgentFixture(settings, db).property("sisbridge.staging.manage-schema", false)
                .property("sisbridge.staging.mapping", PEOPLESOFT)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)) {
            String config = new SiteConfig(fixture.simulator, db).set("sisbridge.staging.manage-schema", false)
                    .set("sisbridge.staging.mapping", PEOPLESOFT).write().toString();

            Cli.Result first = Cli.run("migrate", "--config", config);
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.out()).contains("Created table CCTC_EVENT_STG (mapping peoplesoft).",
                    "Created table CCTC_IDME_RPT_LOAD (mapping peoplesoft).", "Created table CCTC_CCCID_REQ_STG (mapping peoplesoft).");
            Cli.Result again = Cli.run("migrate", "--config", config);
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).doesNotContain("Created table");

            assertThat(Cli.run("check", "--config", config).out())
                    .contains("OK    staging schema has every table and column the agent needs");
            fixture.start();
            fixture.awaitEventsCaughtUp();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM CCTC_EVENT_STG")).isEqualTo(30);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isZero();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void anAgentThatManagesTheSchemaCreatesTheMappedTablesAtStartUp(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 20;
        TestDatabase db = TestDatabases.create(kind, "startup-mapped");
        try (AgentFixture fixture = new AgentFixture(settings, db).property("sisbridge.staging.mapping", PEOPLESOFT)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM CCTC_EVENT_STG")).isEqualTo(20);
            // only what the enabled flows need: the reports flows are off
            try (java.sql.Connection c = db.dataSource().getConnection()) {
                assertThat(org.sisbridge.staging.DatabaseTable.find(c, "CCTC_IDME_RPT_LOAD")).isEmpty();
            }
        }
    }
}
