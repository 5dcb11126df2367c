package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
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
 * The events hook's statement refused by the SIS: the poll's failure (log line and status page) names
 * the key, the event and what the SIS said, but never a student's name. PostgreSQL's message of a refused
 * row carries a second line, "Detail: Failing row contains (...)", with every column of that SIS row.
 */
class OnChangeErrorStudentDataTest {

    private static final String NAME = "Zebediah";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aRefusedHooksFailureCarriesNoStudentName(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "on-change-no-names");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            // the college's student table refuses any status but its own codes
            s.execute("CREATE TABLE sis_person (local_id VARCHAR(64) NOT NULL, first_name VARCHAR(100) NOT NULL,"
                    + " last_name VARCHAR(100) NOT NULL, idme_flag VARCHAR(20),"
                    + " CONSTRAINT ck_sis_person_flag CHECK (idme_flag IN ('U', 'E')))");
            s.execute("INSERT INTO sis_person VALUES ('W1', '" + NAME + "', 'Quarrington', NULL)");
        }
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 200;
        try (AgentFixture fixture = new AgentFixture(settings, database)
                .property("sisbridge.roster.enabled", false)
                .property("sisbridge.events.page-size", 100)
                .property("sisbridge.events.on-change.enabled", true)
                // every flagged event lands on the test's one student, whatever its CCCID
                .property("sisbridge.events.on-change.sql", "UPDATE sis_person SET idme_flag = :idme_status WHERE local_id = 'W1'")) {
            fixture.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lastEventsFailure() != null);

            String failure = fixture.lastEventsFailure();
            assertThat(failure).contains("sisbridge.events.on-change failed for event").containsIgnoringCase("ck_sis_person_flag");
            assertThat(failure).doesNotContain(NAME).doesNotContain("Quarrington");
            // this test's lines only (the log file is the fork JVM's): those naming its fresh database
            String url = database.jdbcUrl();
            String databaseName = url.substring(url.lastIndexOf('/') + 1).split("[;?]")[0];
            List<String> lines = TestLog.read().lines().filter(l -> l.contains("on-change failed for event")
                    && l.contains(databaseName)).toList();
            assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(NAME).doesNotContain("Quarrington"));
        }
    }
}
