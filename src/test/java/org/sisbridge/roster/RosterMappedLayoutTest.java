package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A college on PeopleSoft: the roster flow reads the SIS's own outbox record and writes batches and
 * results through config/mappings/peoplesoft.yaml into CCTC_CCCID_*_STG tables the college made
 * itself; a mapped column the tables lack, or a conversion the flow cannot read back, stops start-up.
 */
class RosterMappedLayoutTest {

    private static final Path PEOPLESOFT = AgentFixture.HOME.resolve("config/mappings/peoplesoft.yaml");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    @TempDir
    Path dir;

    /** @param textBirthDate BIRTHDATE_TXT (MM/dd/yyyy text) instead of a BIRTHDATE DATE column */
    private static void createPeopleSoftTables(TestDatabase database, boolean textBirthDate, boolean withResultCccid)
            throws Exception {
        StagingDialect d = database.dialect();
        String ts = d.timestampType();
        String oprid = ", LASTUPDOPRID " + d.textType(30);
        List<String> ddl = List.of(
                "CREATE TABLE CCTC_CCCID_REQ_STG (CCTC_REQUEST_NBR BIGINT NOT NULL, INSTITUTION " + d.textType(3)
                        + " NOT NULL, EMPLID " + d.textType(64) + " NOT NULL, FIRST_NAME " + d.textType(100) + ", MIDDLE_NAME "
                        + d.textType(100) + ", LAST_NAME " + d.textType(100)
                        + (textBirthDate ? ", BIRTHDATE_TXT " + d.textType(10) : ", BIRTHDATE DATE") + ", EMAIL_ADDR "
                        + d.textType(256) + ", PHONE " + d.textType(32) + ", POSTAL " + d.textType(16) + ", CCTC_REQ_STATUS "
                        + d.textType(16) + " NOT NULL, CCTC_REASON_CD " + d.textType(40) + ", CCTC_STATUS_REASON "
                        + d.textType(1000) + ", CCTC_ATTEMPTS INT NOT NULL, CCTC_BATCH_ID " + d.textType(64) + ", CCTC_SOURCE "
                        + d.textType(300) + ", CCTC_SOURCE_LINE BIGINT, CREATED_DTTM " + ts + ", LASTUPDDTTM " + ts + oprid
                        + ", PRIMARY KEY (CCTC_REQUEST_NBR))",
                "CREATE TABLE CCTC_CCCID_BAT_STG (CCTC_BATCH_ID " + d.textType(64) + " NOT NULL, INSTITUTION " + d.textType(3)
                        + " NOT NULL, CCTC_BATCH_STATUS " + d.textType(16) + " NOT NULL, CCTC_JOB_ID " + d.textType(100)
                        + ", CCTC_STUDENT_CNT INT NOT NULL, CCTC_ATTEMPTS INT NOT NULL, CCTC_LAST_ERROR " + d.textType(1000)
                        + ", CREATED_DTTM " + ts + ", LASTUPDDTTM " + ts + oprid + ", PRIMARY KEY (CCTC_BATCH_ID))",
                "CREATE TABLE CCTC_CCCID_RSLT_STG (CCTC_REQUEST_NBR BIGINT NOT NULL, INSTITUTION " + d.textType(3)
                        + " NOT NULL, EMPLID " + d.textType(64) + " NOT NULL, CCTC_OUTCOME " + d.textType(16)
                        + (withResultCccid ? ", CCTC_CCCID " + d.textType(9) : "") + ", CCTC_MATCHED_ON " + d.textType(200)
                        + ", CCTC_ERRORS " + d.textType(4000) + ", CCTC_BATCH_ID " + d.textType(64) + ", CCTC_JOB_ID "
                        + d.textType(100) + ", RECEIVED_DTTM_TXT " + d.textType(26) + ", CCTC_WB_STATUS " + d.textType(16)
                        + ", CCTC_WB_ATTEMPTS INT, CCTC_WB_ERROR " + d.textType(1000) + ", CCTC_WB_DTTM " + ts
                        + ", STATUS_FLAG " + d.textType(1) + oprid
                        + ", PRIMARY KEY (CCTC_REQUEST_NBR))",
                "CREATE TABLE CCTC_CCCID_FILE_STG (CCTC_SOURCE " + d.textType(300) + " NOT NULL, CCTC_FILE_NAME "
                        + d.textType(255) + ", CCTC_ROW_CNT BIGINT, CCTC_UNREADABLE_CNT BIGINT, LOADED_DTTM " + ts
                        + ", RESULTS_DTTM " + ts + ", CCTC_RESULTS_FILE " + d.textType(255) + ", CCTC_ENCODING " + d.textType(40) + oprid
                        + ", PRIMARY KEY (CCTC_SOURCE))");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
        }
    }

    /** What the college's SIS job does: PENDING rows under its own names, with its own request numbers. */
    private static void queue(TestDatabase database, List<RosterStudent> students, boolean textBirthDate) throws Exception {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO CCTC_CCCID_REQ_STG (CCTC_REQUEST_NBR, INSTITUTION, EMPLID,"
                     + " FIRST_NAME, MIDDLE_NAME, LAST_NAME, " + (textBirthDate ? "BIRTHDATE_TXT" : "BIRTHDATE")
                     + ", EMAIL_ADDR, PHONE, POSTAL, CCTC_REQ_STATUS, CCTC_ATTEMPTS, CCTC_SOURCE, CREATED_DTTM, LASTUPDDTTM,"
                     + " LASTUPDOPRID) VALUES (?,?,?,?,?,?,?,?,?,?,'PENDING',0,'PS_JOB',?,?,'PSJOB')")) {
            long nbr = 1000;
            for (RosterStudent s : students) {
                ps.setLong(1, nbr++);
                ps.setString(2, "111");
                ps.setString(3, s.localId());
                ps.setString(4, s.firstName());
                ps.setString(5, s.middleName());
                ps.setString(6, s.lastName());
                LocalDate born = LocalDate.parse(s.birthDate());
                if (textBirthDate) {
                    ps.setString(7, US_DATE.format(born));
                } else {
                    ps.setObject(7, born);
                }
                ps.setString(8, s.email());
                ps.setString(9, s.phone());
                ps.setString(10, s.postalCode());
                ps.setTimestamp(11, now);
                ps.setTimestamp(12, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static AgentFixture fixture(TestDatabase database) {
        return RosterFixtures.agent(new SimulatorSettings(), database).property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.drop-enabled", false);
    }

    /** Migrations for the agent's own tables (rejects, checkpoints), then the college's tables, then the mapped agent. */
    private static void startMapped(AgentFixture fixture, TestDatabase database, Path mapping, boolean textBirthDate)
            throws Exception {
        fixture.property("sisbridge.roster.enabled", false).start();
        fixture.stopAgent();
        createPeopleSoftTables(database, textBirthDate, true);
        fixture.property("sisbridge.roster.enabled", true)
                .property("sisbridge.staging.manage-schema", false).property("sisbridge.staging.mapping", mapping);
        fixture.start();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void outboxRowsSettleAndResultsLandWhereThePeopleSoftMappingSays(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-mapped");
        try (AgentFixture fixture = fixture(database)) {
            startMapped(fixture, database, PEOPLESOFT, false);
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            queue(database, roster.students(), false);
            awaitSettled(fixture);
            assertMappedOutcomes(fixture, roster);
        }
    }

    /** birth_date as MM/dd/yyyy text: written and read back through the mapping's pattern (duplicates match on it). */
    @Test
    void aBirthDateKeptAsTextIsReadBackThroughItsFormat() throws Exception {
        Path mapping = Files.writeString(dir.resolve("peoplesoft-text-date.yaml"), Files.readString(PEOPLESOFT)
                .replace("      birth_date: BIRTHDATE\n", "      birth_date: {column: BIRTHDATE_TXT, convert: \"format:MM/dd/yyyy\"}\n"));
        assertThat(Files.readString(mapping)).contains("BIRTHDATE_TXT");
        TestDatabase database = TestDatabase.h2File("roster-mapped-text-date");
        try (AgentFixture fixture = fixture(database)) {
            startMapped(fixture, database, mapping, true);
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            queue(database, roster.students(), true);
            awaitSettled(fixture);
            assertMappedOutcomes(fixture, roster);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void aMappedColumnTheResultsTableLacksStopsStartUpWithItsName(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-mapped-missing");
        try (AgentFixture fixture = fixture(database)) {
            fixture.start();
            fixture.stopAgent();
            createPeopleSoftTables(database, false, false);
            fixture.property("sisbridge.staging.manage-schema", false).property("sisbridge.staging.mapping", PEOPLESOFT);
            assertThatThrownBy(fixture::start)
                    .hasStackTraceContaining("table CCTC_CCCID_RSLT_STG has no column CCTC_CCCID (text)");
        }
    }

    @Test
    void conversionsTheRosterFlowCannotReadBackStopStartUp() throws Exception {
        String base = Files.readString(PEOPLESOFT);
        Path noYear = Files.writeString(dir.resolve("no-year.yaml"), base.replace("      birth_date: BIRTHDATE\n",
                "      birth_date: {column: BIRTHDATE_TXT, convert: \"format:MM/dd\"}\n"));
        Path textCount = Files.writeString(dir.resolve("text-count.yaml"), base.replace("      attempts: CCTC_ATTEMPTS\n",
                "      attempts: {column: CCTC_ATTEMPTS, convert: upper-case}\n"));
        Path flag = Files.writeString(dir.resolve("flag.yaml"), base.replace("      email: EMAIL_ADDR\n",
                "      email: {column: EMAIL_ADDR, convert: yes-no}\n"));
        try (AgentFixture fixture = fixture(TestDatabase.h2File("roster-mapped-bad"))) {
            fixture.property("sisbridge.staging.mapping", noYear);
            assertThatThrownBy(fixture::start).hasStackTraceContaining("cccid_request.birth_date")
                    .hasStackTraceContaining("does not read back as the same date");
            fixture.property("sisbridge.staging.mapping", textCount);
            assertThatThrownBy(fixture::start).hasStackTraceContaining("cccid_request.attempts (number, column CCTC_ATTEMPTS)"
                    + " cannot be converted");
            fixture.property("sisbridge.staging.mapping", flag);
            assertThatThrownBy(fixture::start).hasStackTraceContaining("cccid_request.email")
                    .hasStackTraceContaining("yes-no applies to boolean fields only");
        }
    }

    @Test
    void theShippedMappingsMapEveryRosterTableWithConversionsTheFlowCanReadBack() {
        for (String layout : List.of("generic", "peoplesoft", "banner")) {
            StagingMapping mapping = StagingMapping.load(AgentFixture.HOME.resolve("config/mappings/" + layout + ".yaml"),
                    key -> key.substring(key.lastIndexOf('.') + 1).replace('-', '_'));
            assertThat(MappedTable.problems(mapping)).as(layout).isEmpty();
            if (!layout.equals("generic")) {
                for (String table : MappedTable.TABLES) {
                    assertThat(mapping.table(table).table()).as(layout + " " + table).matches("[A-Z_]+");
                }
            }
        }
    }

    private static void awaitSettled(AgentFixture fixture) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                fixture.db().count("SELECT COUNT(*) FROM CCTC_CCCID_REQ_STG WHERE CCTC_REQ_STATUS IN ('PENDING', 'SENT')") == 0);
    }

    private static void assertMappedOutcomes(AgentFixture fixture, RosterCase roster) {
        Map<String, Map<String, Object>> outbox = new HashMap<>();
        for (Map<String, Object> row : fixture.db().rows("SELECT * FROM CCTC_CCCID_REQ_STG")) {
            outbox.put((String) row.get("emplid"), row);
        }
        Map<String, Map<String, Object>> results = new HashMap<>();
        for (Map<String, Object> row : fixture.db().rows("SELECT * FROM CCTC_CCCID_RSLT_STG")) {
            assertThat(results.put((String) row.get("emplid"), row)).as("one result per student").isNull();
        }
        for (RosterCase.Row expected : roster.rows.values()) {
            String id = expected.student().localId();
            Map<String, Object> row = outbox.get(id);
            assertThat(row).as("outbox row %s", id).isNotNull();
            assertThat(row.get("cctc_req_status")).as("status of %s", id).isEqualTo(expected.status());
            assertThat(row.get("cctc_reason_cd")).as("reason of %s", id).isEqualTo(expected.reasonCode());
            assertThat(row.get("lastupdoprid")).as("the SIS's row keeps its operator").isEqualTo("PSJOB");
            Map<String, Object> result = results.get(id);
            if (expected.outcome() == null) {
                assertThat(result).as("result of %s", id).isNull();
                continue;
            }
            assertThat(result).as("result of %s", id).isNotNull();
            assertThat(((Number) result.get("cctc_request_nbr")).longValue()).isEqualTo(((Number) row.get("cctc_request_nbr")).longValue());
            assertThat(result.get("cctc_outcome")).as("outcome of %s", id).isEqualTo(expected.outcome());
            assertThat(result.get("cctc_matched_on")).as("matched on of %s", id).isEqualTo(expected.matchedOn());
            assertThat(result.get("institution")).isEqualTo("111");
            assertThat(result.get("status_flag")).isEqualTo("N");
            assertThat(result.get("lastupdoprid")).isEqualTo("CCTC");
            assertThat((String) result.get("received_dttm_txt")).matches("\\d{4}-\\d\\d-\\d\\d-\\d\\d\\.\\d\\d\\.\\d\\d\\.\\d{6}");
            if (expected.cccid() != null) {
                assertThat(result.get("cctc_cccid")).as("CCCID of %s", id).isEqualTo(expected.cccid());
            }
            if ("CREATED".equals(expected.outcome())) {
                assertThat((String) result.get("cctc_cccid")).matches("[A-HJ-NP-Z]{3}[0-9]{4}");
            }
        }
        assertThat(fixture.simulator.accounts().accountsCreated()).isEqualTo(10);
        assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        assertThat(fixture.db().count("SELECT COUNT(*) FROM CCTC_CCCID_BAT_STG")).isPositive();
        assertThat(fixture.db().count("SELECT COUNT(*) FROM CCTC_CCCID_BAT_STG WHERE CCTC_BATCH_STATUS <> 'COMPLETE'"
                + " OR LASTUPDOPRID <> 'CCTC'")).isZero();
        // nothing went to the generic layout's tables
        assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request")).isZero();
        assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_result")).isZero();
    }
}
