package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/** A college that manages its own tables: the agent checks them at start-up and says what is missing. */
class StagingSchemaCheckTest {

    private static SimulatorSettings small() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 20;
        return s;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void tablesMadeByTheMigrationsPassAndAMissingColumnStopsStartUpByName(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "schema-check");
        try (AgentFixture fixture = new AgentFixture(small(), database)) {
            fixture.start();          // manage-schema=true: Flyway creates the layout
            fixture.stopAgent();
            fixture.property("sisbridge.staging.manage-schema", false);
            fixture.start();          // the same layout passes the check
            fixture.awaitEventsCaughtUp();
            fixture.stopAgent();

            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE idme_status_event DROP COLUMN previous_email");
            }
            assertThatThrownBy(fixture::start)
                    .hasStackTraceContaining("manage-schema=false")
                    .hasStackTraceContaining("table idme_status_event has no column previous_email");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void anEmptyDatabaseIsRefusedWithEveryMissingTableListed(DatabaseKind kind) throws Exception {
        try (AgentFixture fixture = new AgentFixture(small(), TestDatabases.create(kind, "schema-empty"))
                .property("sisbridge.staging.manage-schema", false)
                .property("sisbridge.roster.enabled", false)) {
            assertThatThrownBy(fixture::start)
                    .hasStackTraceContaining("table idme_status_event (sisbridge.events.table) does not exist")
                    .hasStackTraceContaining("table sisbridge_checkpoint (sisbridge.staging.checkpoint-table) does not exist")
                    .hasStackTraceContaining("idme_status_change")
                    // the roster flow is off: its tables are not asked for
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("cccid_request"));
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
