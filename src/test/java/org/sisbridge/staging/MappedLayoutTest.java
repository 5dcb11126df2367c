package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatedEvent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A college on PeopleSoft: the events flow writes through config/mappings/peoplesoft.yaml into a
 * CCTC_EVENT_STG table the college made itself, and a mapping that names a column the table lacks,
 * or a field the agent does not know, stops start-up with that name in the message.
 */
class MappedLayoutTest {

    private static final Path PEOPLESOFT = AgentFixture.HOME.resolve("config/mappings/peoplesoft.yaml");

    @TempDir
    Path dir;

    private static void createPeopleSoftTable(TestDatabase database, boolean withEmail) throws Exception {
        StagingDialect d = database.dialect();
        String text = d.textType(100);
        String sql = "CREATE TABLE CCTC_EVENT_STG (INSTITUTION " + d.textType(3) + " NOT NULL, CCTC_EVENT_ID "
                + d.textType(32) + " NOT NULL, CCTC_EVENT_TYPE " + d.textType(50) + ", CCTC_EVENT_DTTM " + d.timestampType()
                + ", CCTC_CCCID " + d.textType(9) + ", FIRST_NAME " + text + ", PREV_FIRST_NAME " + text + ", LAST_NAME "
                + text + ", PREV_LAST_NAME " + text + (withEmail ? ", EMAIL_ADDR " + d.textType(256) : "")
                + ", PREV_EMAIL_ADDR " + d.textType(256) + ", IDME_STATUS " + d.textType(50) + ", PREV_IDME_STATUS "
                + d.textType(50) + ", IDME_CONFIRM_DTTM " + d.timestampType() + ", CCTC_EVENT_PAYLOAD " + d.textType(2000)
                + ", TRANSITION_VALID " + d.textType(1) + ", RECEIVED_DTTM_TXT " + d.textType(26) + ", STATUS_FLAG "
                + d.textType(1) + ", LASTUPDOPRID " + d.textType(30)
                + ", PRIMARY KEY (CCTC_EVENT_ID, INSTITUTION))";
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static AgentFixture fixture(TestDatabase database) {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 150;
        s.redeliveryRate = 0.05;
        s.undocumentedTransitionRate = 0.05;
        return new AgentFixture(s, database)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void eventsLandWhereThePeopleSoftMappingSaysWithItsConversions(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "mapped-peoplesoft");
        try (AgentFixture fixture = fixture(database).property("sisbridge.events.enabled", false)) {
            fixture.start();                   // only the migrations: the agent's own tables (checkpoints, rejects)
            fixture.stopAgent();
            createPeopleSoftTable(database, true);
            fixture.property("sisbridge.events.enabled", true)
                    .property("sisbridge.staging.manage-schema", false).property("sisbridge.staging.mapping", PEOPLESOFT);
            fixture.start();
            fixture.awaitEventsCaughtUp();

            assertThat(fixture.db().count("SELECT COUNT(*) FROM CCTC_EVENT_STG")).isEqualTo(150);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isZero();
            SimulatedEvent first = fixture.simulator.feed().event("111", 0);
            Map<String, Object> row = fixture.db().rows("SELECT * FROM CCTC_EVENT_STG WHERE CCTC_EVENT_ID = ?",
                    first.eventId()).get(0);
            assertThat(row.get("institution")).isEqualTo("111");
            assertThat(row.get("cctc_cccid")).isEqualTo(first.cccid());
            assertThat(row.get("email_addr")).isEqualTo(first.email());
            assertThat(row.get("idme_status")).isEqualTo(first.idmeStatus().toUpperCase());
            assertThat(row.get("transition_valid")).isEqualTo("Y");
            assertThat((String) row.get("received_dttm_txt")).matches("\\d{4}-\\d\\d-\\d\\d-\\d\\d\\.\\d\\d\\.\\d\\d\\.\\d{6}");
            assertThat(row.get("status_flag")).isEqualTo("N");
            assertThat(row.get("lastupdoprid")).isEqualTo("CCTC");
            List<Object> flags = fixture.db().column("SELECT DISTINCT TRANSITION_VALID FROM CCTC_EVENT_STG");
            assertThat(flags).containsExactlyInAnyOrder("Y", "N");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aMappedColumnTheTableLacksStopsStartUpWithItsName(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "mapped-missing");
        try (AgentFixture fixture = fixture(database)) {
            fixture.start();
            fixture.stopAgent();
            createPeopleSoftTable(database, false);
            fixture.property("sisbridge.staging.manage-schema", false).property("sisbridge.staging.mapping", PEOPLESOFT);
            assertThatThrownBy(fixture::start).hasStackTraceContaining("table CCTC_EVENT_STG has no column EMAIL_ADDR (text)");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void unknownNamesAndUnsafeIdentifiersInAMappingStopStartUp(DatabaseKind kind) throws Exception {
        Path unknownField = Files.writeString(dir.resolve("unknown-field.yaml"),
                "tables:\n  idme_status_event:\n    columns:\n      favourite_colour: COLOUR\n");
        Path unknownTable = Files.writeString(dir.resolve("unknown-table.yaml"), "tables:\n  student_photos: {table: X}\n");
        Path injection = Files.writeString(dir.resolve("injection.yaml"),
                "tables:\n  idme_status_event:\n    table: \"x; DROP TABLE y\"\n");
        Path badConversion = Files.writeString(dir.resolve("bad-conversion.yaml"),
                "tables:\n  idme_status_event:\n    columns:\n      transition_valid: {column: T, convert: true-false}\n");
        try (AgentFixture fixture = fixture(TestDatabases.create(kind, "mapped-bad"))) {
            fixture.property("sisbridge.staging.mapping", unknownField);
            assertThatThrownBy(fixture::start).hasStackTraceContaining("idme_status_event has no canonical field 'favourite_colour'");
            fixture.property("sisbridge.staging.mapping", unknownTable);
            assertThatThrownBy(fixture::start).hasStackTraceContaining("unknown canonical table 'student_photos'");
            fixture.property("sisbridge.staging.mapping", injection);
            assertThatThrownBy(fixture::start).hasStackTraceContaining("is not a valid table or column name");
            fixture.property("sisbridge.staging.mapping", badConversion);
            assertThatThrownBy(fixture::start).hasStackTraceContaining("unknown conversion 'true-false'");
        }
    }
}
