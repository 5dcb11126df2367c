package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.testsupport.TestLog;

/**
 * A write-back the SIS refuses keeps the database's message (status page, {@code status}, the log), but
 * never the student's name: PostgreSQL's message of a refused row carries a second line, "Detail: Failing
 * row contains (...)", with every column of that SIS row.
 */
class WriteBackErrorStudentDataTest {

    private static final String NAME = "Zebediah";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aRefusedWriteBacksMessageCarriesNoStudentName(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "write-back-no-names");
        // the college's student table refuses any CCCID that is not its own made-up form
        SisTables.execute(database,
                "CREATE TABLE sis_person (local_id VARCHAR(64) NOT NULL, first_name VARCHAR(100) NOT NULL,"
                        + " last_name VARCHAR(100) NOT NULL, ccc_id VARCHAR(16), CONSTRAINT ck_sis_person_ccc CHECK (ccc_id LIKE 'SIS%'))",
                "INSERT INTO sis_person VALUES ('W1', '" + NAME + "', 'Quarrington', NULL)");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)
                .property("sisbridge.roster.write-back.enabled", true)
                .property("sisbridge.roster.write-back.sql", "UPDATE sis_person SET ccc_id = :ccc_id WHERE local_id = :local_id")) {
            fixture.start();
            Outbox.queue(database, "111", List.of(
                    RosterCase.student("W1", NAME, "Quarrington", "2001-02-03", "w1@college.example.edu", null, null)));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> fixture.db().count(
                    "SELECT COUNT(*) FROM cccid_result WHERE write_back_status = 'PENDING' AND write_back_error IS NOT NULL") == 1);

            String error = (String) fixture.db().single("SELECT write_back_error FROM cccid_result");
            assertThat(error).as("what the SIS said is kept").containsIgnoringCase("ck_sis_person_ccc");
            assertThat(error).doesNotContain(NAME).doesNotContain("Quarrington");
            // this test's lines only (the log file is the fork JVM's): those naming its batch
            String batchId = (String) fixture.db().single("SELECT batch_id FROM cccid_batch");
            List<String> lines = TestLog.read().lines().filter(l -> l.contains(batchId)).toList();
            assertThat(lines).anySatisfy(l -> assertThat(l).containsIgnoringCase("ck_sis_person_ccc"));
            assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(NAME).doesNotContain("Quarrington"));
        }
    }
}
