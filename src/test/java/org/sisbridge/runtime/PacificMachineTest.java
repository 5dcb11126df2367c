package org.sisbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.h2.util.DateTimeUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A college's server runs in America/Los_Angeles, and the agent stores UTC wall times. On 8 March 2026
 * the clocks there spring forward from 02:00 to 03:00: a UTC time of 02:30 that day is no time in Los
 * Angeles, and the drivers, which turn a {@code java.sql.Timestamp} into a wall time through the JVM's
 * zone, staged it as 03:30. The agent now runs in UTC ({@link ProcessTimeZone}).
 */
class PacificMachineTest {

    private static final Instant SPRING_FORWARD = Instant.parse("2026-03-08T02:30:00Z");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private TimeZone zoneBefore;
    private String machineZoneBefore;

    @BeforeEach
    void onAPacificMachine() {
        zoneBefore = TimeZone.getDefault();
        machineZoneBefore = System.getProperty(ProcessTimeZone.MACHINE_ZONE_PROPERTY);
        System.clearProperty(ProcessTimeZone.MACHINE_ZONE_PROPERTY);
        TimeZone.setDefault(TimeZone.getTimeZone(PACIFIC));
        // H2 keeps the default zone it first saw
        DateTimeUtils.resetCalendar();
    }

    @AfterEach
    void backToThisMachine() {
        TimeZone.setDefault(zoneBefore);
        if (machineZoneBefore == null) {
            System.clearProperty(ProcessTimeZone.MACHINE_ZONE_PROPERTY);
        } else {
            System.setProperty(ProcessTimeZone.MACHINE_ZONE_PROPERTY, machineZoneBefore);
        }
        DateTimeUtils.resetCalendar();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void theEventsOfTheHourTheClocksSpringForwardAreStagedAtTheirUtcTime(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 50;
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabases.create(kind, "pacific"))) {
            // the agent's clock stands in the missing hour: every event is received at 02:30 UTC
            fixture.start(agent -> agent.bean("clock", Clock.fixed(SPRING_FORWARD, ZoneOffset.UTC)));
            fixture.awaitEventsCaughtUp();

            assertThat(fixture.db().column("SELECT DISTINCT CAST(received_at AS CHAR(19)) FROM idme_status_event"))
                    .containsExactly("2026-03-08 02:30:00");
        }
        assertThat(TimeZone.getDefault().getID()).isEqualTo("UTC");
        assertThat(ProcessTimeZone.machineZone()).isEqualTo(PACIFIC);
    }

    /** What the agent did before: the driver moves a UTC wall time of the missing hour an hour on. */
    @Test
    void inTheMachinesZoneTheDriverMovesTheMissingHourOn() throws Exception {
        assertThat(stagedAndReadAsText(LocalDateTime.ofInstant(SPRING_FORWARD, ZoneOffset.UTC))).isEqualTo("2026-03-08 03:30:00");

        ProcessTimeZone.useUtc();
        DateTimeUtils.resetCalendar();

        assertThat(stagedAndReadAsText(LocalDateTime.ofInstant(SPRING_FORWARD, ZoneOffset.UTC))).isEqualTo("2026-03-08 02:30:00");
    }

    @Test
    void theMachinesZoneIsRememberedOnceAndShownToPeople() {
        ProcessTimeZone.useUtc();
        ProcessTimeZone.useUtc();

        assertThat(TimeZone.getDefault().getID()).isEqualTo("UTC");
        assertThat(ProcessTimeZone.machineZone()).isEqualTo(PACIFIC);
    }

    /** A JVM started with -Duser.timezone=PST: an id TimeZone knows and ZoneId.of refuses. */
    @Test
    void aThreeLetterZoneOfTheMachineIsShownAsTheRegionItStandsFor() {
        TimeZone.setDefault(TimeZone.getTimeZone("PST"));
        ProcessTimeZone.useUtc();

        assertThat(ProcessTimeZone.machineZone()).isEqualTo(PACIFIC);
    }

    private static String stagedAndReadAsText(LocalDateTime utc) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:pacific", "sa", "");
             Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE staged (at TIMESTAMP)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO staged VALUES (?)")) {
                insert.setTimestamp(1, Timestamp.valueOf(utc));
                insert.executeUpdate();
            }
            try (ResultSet rs = ddl.executeQuery("SELECT CAST(at AS CHAR(19)) FROM staged")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
