package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.ReconcileRows;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/** {@code ./sisbridge status} reads what the agent did from the database, after the agent has stopped. */
class StatusCommandTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void printsFlowsCheckpointsPendingStudentsAndRejectsFromTheDatabase(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 300;
        settings.invalidCccidRate = 0.05;
        TestDatabase db = TestDatabases.create(kind, "status");
        try (AgentFixture fixture = new AgentFixture(settings, db).property("sisbridge.roster.enabled", false)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            fixture.stopAgent();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO cccid_request (mis_code, local_id, first_name, last_name, birth_date, email)"
                        + " VALUES ('111', 'S1', 'Ana', 'Garcia', DATE '2000-01-01', 'ana@college.example.edu')");
            }
            new ReconcileRows(db).complete("rc-111-1", "111", LocalDateTime.now(ZoneOffset.UTC).minusHours(1),
                    ReconcileRows.student("L-OK", "AAA1111", "AAA1111", "AGREE"),
                    ReconcileRows.student("L-DIFF", "AAA2222", "AAA2223", "DIFFERS"));
            long invalidCccids = fixture.db().rejectsByReason("idme-events").get("INVALID_CCCID");
            String cursor = (String) fixture.db().single("SELECT cursor_value FROM sisbridge_checkpoint WHERE flow = 'idme-events'");
            String config = new SiteConfig(fixture.simulator, db).write().toString();

            Cli.Result text = Cli.run("status", "--config", config);
            assertThat(text.exitCode()).as(text.toString()).isZero();
            assertThat(text.out()).containsPattern("idme-events +111 +last success 20")
                    .containsPattern("idme-events +111 +cursor " + java.util.regex.Pattern.quote(cursor))
                    .contains("Roster: 1 student(s) waiting for a CCCID")
                    .containsPattern("idme-events +INVALID_CCCID +" + invalidCccids)
                    .doesNotContain("Ana").doesNotContain("ana@college")
                    .containsPattern("111 +COMPLETE +rc-111-1 finished 20.*2 student\\(s\\): \\{AGREE=1, DIFFERS=1, SHARED_CCCID=0,")
                    .containsPattern("conflict 111 +L-DIFF +DIFFERS +SIS AAA2222 +upstream AAA2223");

            Cli.Result json = Cli.run("status", "--json", "--config", config);
            assertThat(json.exitCode()).isZero();
            JsonNode snapshot = new ObjectMapper().readTree(json.out());
            assertThat(snapshot.path("rosterStudentsByStatus").path("PENDING").asLong()).isEqualTo(1);
            assertThat(snapshot.path("checkpoints").get(0).path("cursor").asText()).isEqualTo(cursor);
            assertThat(snapshot.path("flows").get(0).path("lastSuccessAt").asText()).startsWith("20");
            JsonNode reconciliation = snapshot.path("reconciliations").get(0);
            assertThat(reconciliation.path("state").asText()).isEqualTo("COMPLETE");
            assertThat(reconciliation.path("outcomes").path("DIFFERS").asLong()).isEqualTo(1);
            assertThat(snapshot.path("reconcileConflicts").get(0).path("localId").asText()).isEqualTo("L-DIFF");
            boolean counted = false;
            for (JsonNode r : snapshot.path("rejectCounts")) {
                counted |= r.path("reasonCode").asText().equals("INVALID_CCCID") && r.path("count").asLong() == invalidCccids;
            }
            assertThat(counted).as(json.out()).isTrue();
        }
    }
}
