package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.simulator.AccountRegistry;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/** Students queued in the outbox by the SIS come back created, found as duplicates, or rejected. */
class RosterOutboxTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void everyStudentEndsWithTheOutcomeTheSimulatorDecided(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-outbox");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)) {
            fixture.start();
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 20);
            Outbox.queue(database, "111", roster.students());
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));

            assertOutcomes(fixture, roster);
            // locally rejected students never left the college
            for (RosterCase.Row row : roster.locallyRejected()) {
                assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result WHERE local_id = ?", row.student().localId()))
                        .as("result of %s", row.student().localId()).isZero();
            }
            assertThat(fixture.simulator.accounts().accountsCreated()).isEqualTo(20);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status <> 'COMPLETE'")).isZero();
        }
    }

    /** Checks outbox status, reason code, result outcome, CCCID and matched_on of every student. */
    static void assertOutcomes(AgentFixture fixture, RosterCase roster) {
        assertOutcomes(fixture.db(), fixture.simulator.accounts(), roster);
    }

    /** The same, on any staging database and the simulator's accounts. */
    static void assertOutcomes(StagingQueries db, AccountRegistry accounts, RosterCase roster) {
        Map<String, Map<String, Object>> outbox = new HashMap<>();
        for (Map<String, Object> row : db.rows("SELECT local_id, status, reason_code, status_reason FROM cccid_request")) {
            outbox.put((String) row.get("local_id"), row);
        }
        Map<String, Map<String, Object>> results = new HashMap<>();
        for (Map<String, Object> row : db.rows("SELECT local_id, outcome, ccc_id, matched_on, errors FROM cccid_result")) {
            assertThat(results.put((String) row.get("local_id"), row)).as("one result per student").isNull();
        }
        for (RosterCase.Row expected : roster.rows.values()) {
            String id = expected.student().localId();
            Map<String, Object> row = outbox.get(id);
            assertThat(row).as("outbox row %s", id).isNotNull();
            assertThat(row.get("status")).as("status of %s", id).isEqualTo(expected.status());
            assertThat(row.get("reason_code")).as("reason of %s (%s)", id, row.get("status_reason")).isEqualTo(expected.reasonCode());
            if (expected.reasonCode() != null) {
                assertThat((String) row.get("status_reason")).isNotBlank();
            }
            Map<String, Object> result = results.get(id);
            if (expected.outcome() == null) {
                assertThat(result).as("result of %s", id).isNull();
                continue;
            }
            assertThat(result).as("result of %s", id).isNotNull();
            assertThat(result.get("outcome")).as("outcome of %s", id).isEqualTo(expected.outcome());
            assertThat(result.get("matched_on")).as("matched on of %s", id).isEqualTo(expected.matchedOn());
            if (expected.cccid() != null) {
                assertThat(result.get("ccc_id")).as("CCCID of %s", id).isEqualTo(expected.cccid());
            }
            if ("CREATED".equals(expected.outcome())) {
                assertThat((String) result.get("ccc_id")).matches("[A-HJ-NP-Z]{3}[0-9]{4}");
                assertThat(accounts.accountsCreated("111", id)).isEqualTo(1);
            }
            if ("REJECTED".equals(expected.outcome())) {
                assertThat((String) result.get("errors")).contains("PHONE_IN_USE");
            }
        }
        List<Object> created = db.column("SELECT ccc_id FROM cccid_result WHERE outcome = 'CREATED'");
        assertThat(created).doesNotHaveDuplicates();
    }
}
