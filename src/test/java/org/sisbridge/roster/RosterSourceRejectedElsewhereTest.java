package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.SqlScript;
import org.sisbridge.testsupport.TestDatabase;

/**
 * docs/flows.md, roster source: a REJECTED student is "queued again ... only when the sha256 fingerprint
 * of its normalized fields changed". Here the student was queued first by the SIS's own outbox job with
 * the very fields the source query reads, and upstream rejected it.
 */
class RosterSourceRejectedElsewhereTest {

    @Test
    void aStudentUpstreamRejectedIsNotSentAgainByTheSourceWithTheSameFields() throws Exception {
        TestDatabase database = TestDatabase.h2File("roster-source-rejected-elsewhere");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)
                .property("sisbridge.roster.source.enabled", false)
                .property("sisbridge.roster.source.sql", "SELECT :mis_code AS mis_code, STUDENT_ID AS local_id, FIRST AS first_name,"
                        + " NULL AS middle_name, LAST AS last_name, BORN AS birth_date, EMAIL AS email, PHONE AS phone,"
                        + " NULL AS postal_code FROM SIS_STUDENT")) {
            SimulatedStudent phoneOwner = fixture.simulator.accounts().population().student(7);
            SqlScript.run(database.dataSource(), "CREATE TABLE SIS_STUDENT (STUDENT_ID VARCHAR(80), FIRST VARCHAR(40),"
                    + " LAST VARCHAR(40), BORN VARCHAR(20), EMAIL VARCHAR(80), PHONE VARCHAR(20));"
                    + " INSERT INTO SIS_STUDENT VALUES ('R1', 'Rhoda', 'Refused', '2001-02-03', 'rhoda@college.example.edu', '"
                    + phoneOwner.phone() + "');");
            fixture.start();
            Outbox.queue(database, "111", List.of(RosterCase.student("R1", "Rhoda", "Refused", "2001-02-03",
                    "rhoda@college.example.edu", phoneOwner.phone(), null)));
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            assertThat(fixture.db().column("SELECT reason_code FROM cccid_request")).containsExactly("UPSTREAM_REJECTED");

            RosterSourceRun source = fixture.camelContext().getRegistry().lookupByNameAndType("rosterSourceRun", RosterSourceRun.class);
            source.run("111");
            source.run("111");

            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE local_id = 'R1'"))
                    .as("the same fields upstream refused are not queued again").isEqualTo(1);
        }
    }
}
