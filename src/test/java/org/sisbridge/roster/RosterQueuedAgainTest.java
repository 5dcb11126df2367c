package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * docs/flows.md: "To queue a student again, fix the row and set status='PENDING', attempts=0". The
 * row keeps its request id, which already has a result from its first time upstream; the new result
 * takes its place, and the batch it went in settles like any other.
 */
class RosterQueuedAgainTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aStudentFixedAndQueuedAgainInTheSameRowSettlesWithItsNewResult(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-queued-again");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)
                .property("sisbridge.roster.write-back.enabled", true)
                .property("sisbridge.roster.write-back.sql", "INSERT INTO sis_cccid (local_id, ccc_id) VALUES (:local_id, :ccc_id)")) {
            fixture.db().update("CREATE TABLE sis_cccid (local_id VARCHAR(64) NOT NULL, ccc_id VARCHAR(16) NOT NULL)");
            fixture.start();
            // upstream refuses the first: its phone is another account's
            SimulatedStudent phoneOwner = fixture.simulator.accounts().population().student(7);
            Outbox.queue(database, "111", List.of(
                    RosterCase.student("Q1", "Quinn", "Again", "2001-02-03", "quinn@college.example.edu", phoneOwner.phone(), null),
                    RosterCase.student("Q2", "Quentin", "Other", "2001-02-03", "quentin@college.example.edu", null, null)));
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            assertThat(fixture.db().column("SELECT status FROM cccid_request WHERE local_id = 'Q1'")).containsExactly("REJECTED");
            assertThat(fixture.db().column("SELECT outcome FROM cccid_result WHERE local_id = 'Q1'")).containsExactly("REJECTED");

            // the college fixes the phone and queues the same row again, with another student behind it
            fixture.db().update("UPDATE cccid_request SET phone = NULL, status = 'PENDING', attempts = 0 WHERE local_id = 'Q1'");
            Outbox.queue(database, "111", List.of(
                    RosterCase.student("Q3", "Quincy", "Behind", "2001-02-03", "quincy@college.example.edu", null, null)));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT')") == 0);
            assertThat(fixture.db().column("SELECT status FROM cccid_request ORDER BY local_id")).containsExactly("DONE", "DONE", "DONE");
            // one result per outbox row, the latest: Q1's CCCID is there, written back into the SIS once
            assertThat(fixture.db().column("SELECT outcome FROM cccid_result WHERE local_id = 'Q1'")).containsExactly("CREATED");
            assertThat(fixture.db().column("SELECT write_back_status FROM cccid_result WHERE local_id = 'Q1'")).containsExactly("DONE");
            assertThat(fixture.db().column("SELECT ccc_id FROM sis_cccid WHERE local_id = 'Q1'"))
                    .isEqualTo(fixture.db().column("SELECT ccc_id FROM cccid_result WHERE local_id = 'Q1'"));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sis_cccid")).isEqualTo(3);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE status IN ('OPEN', 'SUBMITTED')")).isZero();
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        }
    }
}
