package org.sisbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.StudentPopulation;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Reconciliation end to end: SIS-like tables the test creates (Banner-like SPRIDEN/GORADID, PeopleSoft-like
 * PS_PERSONAL_DATA/PS_EXTERNAL_SYSTEM), the shipped sample query of that layout, the real agent on its schedule
 * against the simulator in mode match-only: every outcome at least once, and nothing created upstream.
 */
class ReconcileEndToEndTest {

    /** One SIS person: local id, the CCCID the SIS holds, and who they are. */
    private record Person(String localId, String cccId, String first, String last, LocalDate born, String email) {
    }

    static Stream<Arguments> layouts() {
        return TestDatabases.all().flatMap(kind -> Stream.of(Arguments.of(kind, "banner"), Arguments.of(kind, "peoplesoft")));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("layouts")
    void everyOutcomeIsRecordedAndNothingIsCreatedUpstream(DatabaseKind kind, String layout) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "reconcile-" + layout);
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), database)) {
            List<Person> people = people(fixture.simulator.accounts().population());
            createSis(database, layout, people);
            fixture.property("sisbridge.events.enabled", false).property("sisbridge.roster.enabled", false)
                    .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                    .property("sisbridge.reconcile.enabled", true).property("sisbridge.reconcile.initial-delay-ms", 0)
                    .property("sisbridge.reconcile.batch-size", 2)
                    .property("sisbridge.roster.job-poll-initial-delay-ms", 20)
                    .property("sisbridge.roster.job-poll-max-delay-ms", 200)
                    .property("sisbridge.reconcile.sql-file", AgentFixture.HOME.resolve("config/samples/reconcile-" + layout + ".sql"))
                    .start();
            await().atMost(Duration.ofSeconds(60)).until(() -> completeRuns(database) == 1);

            assertThat(outcomes(database)).isEqualTo(new TreeMap<>(Map.of(
                    "L-AGREE", "AGREE", "L-DIFFERS", "DIFFERS", "L-SHARED-1", "SHARED_CCCID", "L-SHARED-2", "SHARED_CCCID",
                    "L-UNKNOWN", "UNKNOWN_UPSTREAM", "L-REJECTED", "REJECTED")));
            assertThat(fixture.simulator.accounts().accountsCreated()).as("accounts created in mode match-only").isZero();
            assertThat(fixture.simulator.accounts().matchLookups()).isEqualTo(people.size());
        }
    }

    /** Seeded upstream accounts and people upstream has never seen, one per outcome (two share a CCCID). */
    private static List<Person> people(StudentPopulation population) {
        SimulatedStudent agree = population.student(0);
        SimulatedStudent differs = population.student(1);
        SimulatedStudent shared = population.student(2);
        String unassigned = population.cccid(population.size() + 777);
        List<Person> people = new ArrayList<>();
        people.add(new Person("L-AGREE", agree.cccid(), agree.firstName(), agree.lastName(), agree.birthDate(), agree.email()));
        people.add(new Person("L-DIFFERS", unassigned, differs.firstName(), differs.lastName(), differs.birthDate(), differs.email()));
        people.add(new Person("L-SHARED-1", shared.cccid(), shared.firstName(), shared.lastName(), shared.birthDate(), shared.email()));
        people.add(new Person("L-SHARED-2", shared.cccid(), "Quentin", "Nowhere-Seen", LocalDate.of(1991, 3, 4),
                "quentin.nowhere@example.edu"));
        people.add(new Person("L-UNKNOWN", population.cccid(population.size() + 778), "Ysolde", "Neverheard",
                LocalDate.of(1988, 7, 9), "ysolde.neverheard@example.edu"));
        // born tomorrow: upstream refuses the birth date
        people.add(new Person("L-REJECTED", population.cccid(population.size() + 779), "Tomas", "Tomorrow",
                LocalDate.now().plusDays(1), "tomas.tomorrow@example.edu"));
        return people;
    }

    private static void createSis(TestDatabase database, String layout, List<Person> people) throws Exception {
        StagingDialect d = database.dialect();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (layout.equals("banner")) {
                s.execute("CREATE TABLE SPRIDEN (SPRIDEN_PIDM INT NOT NULL, SPRIDEN_ID " + d.textType(12) + " NOT NULL, SPRIDEN_FIRST_NAME "
                        + d.textType(60) + ", SPRIDEN_MI " + d.textType(60) + ", SPRIDEN_LAST_NAME " + d.textType(60)
                        + ", SPRIDEN_CHANGE_IND " + d.textType(1) + ")");
                s.execute("CREATE TABLE SPBPERS (SPBPERS_PIDM INT NOT NULL, SPBPERS_BIRTH_DATE DATE)");
                s.execute("CREATE TABLE GOREMAL (GOREMAL_PIDM INT NOT NULL, GOREMAL_EMAIL_ADDRESS " + d.textType(128)
                        + ", GOREMAL_PREFERRED_IND " + d.textType(1) + ")");
                s.execute("CREATE TABLE GORADID (GORADID_PIDM INT NOT NULL, GORADID_ADDITIONAL_ID " + d.textType(50)
                        + ", GORADID_ADID_CODE " + d.textType(4) + ")");
                int pidm = 1000;
                for (Person p : people) {
                    pidm++;
                    // an old name row (SPRIDEN_CHANGE_IND 'N') the sample query must leave out
                    insert(c, "INSERT INTO SPRIDEN VALUES (?, ?, ?, NULL, ?, 'N')", pidm, p.localId(), "Old", "Name");
                    insert(c, "INSERT INTO SPRIDEN VALUES (?, ?, ?, NULL, ?, NULL)", pidm, p.localId(), p.first(), p.last());
                    insert(c, "INSERT INTO SPBPERS VALUES (?, ?)", pidm, p.born());
                    insert(c, "INSERT INTO GOREMAL VALUES (?, ?, 'Y')", pidm, p.email());
                    insert(c, "INSERT INTO GORADID VALUES (?, ?, 'CCID')", pidm, p.cccId());
                }
            } else {
                s.execute("CREATE TABLE PS_PERSONAL_DATA (EMPLID " + d.textType(11) + " NOT NULL, INSTITUTION " + d.textType(5)
                        + ", FIRST_NAME " + d.textType(30) + ", MIDDLE_NAME " + d.textType(30) + ", LAST_NAME " + d.textType(30)
                        + ", BIRTHDATE DATE)");
                s.execute("CREATE TABLE PS_EXTERNAL_SYSTEM (EMPLID " + d.textType(11) + " NOT NULL, EXTERNAL_SYSTEM "
                        + d.textType(3) + ", EXTERNAL_SYSTEM_ID " + d.textType(20) + ")");
                s.execute("CREATE TABLE PS_EMAIL_ADDRESSES (EMPLID " + d.textType(11) + " NOT NULL, EMAIL_ADDR " + d.textType(70)
                        + ", PREF_EMAIL_FLAG " + d.textType(1) + ")");
                for (Person p : people) {
                    insert(c, "INSERT INTO PS_PERSONAL_DATA VALUES (?, '111', ?, NULL, ?, ?)", p.localId(), p.first(), p.last(), p.born());
                    insert(c, "INSERT INTO PS_EXTERNAL_SYSTEM VALUES (?, 'CCC', ?)", p.localId(), p.cccId());
                    insert(c, "INSERT INTO PS_EMAIL_ADDRESSES VALUES (?, ?, 'Y')", p.localId(), p.email());
                }
                // another institution's person: :mis_code leaves them out
                insert(c, "INSERT INTO PS_PERSONAL_DATA VALUES ('X-OTHER', '222', 'Other', NULL, 'College', ?)", LocalDate.of(1990, 1, 1));
                insert(c, "INSERT INTO PS_EXTERNAL_SYSTEM VALUES ('X-OTHER', 'CCC', 'AAA0000')");
            }
        }
    }

    private static void insert(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static long completeRuns(TestDatabase database) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sisbridge_reconcile_run WHERE status = 'COMPLETE'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return 0; // not migrated yet
        }
    }

    private static Map<String, String> outcomes(TestDatabase database) throws Exception {
        Map<String, String> outcomes = new TreeMap<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT local_id, outcome FROM cccid_reconcile")) {
            while (rs.next()) {
                assertThat(outcomes.put(rs.getString(1), rs.getString(2))).as("one row per student").isNull();
            }
        }
        return outcomes;
    }
}
