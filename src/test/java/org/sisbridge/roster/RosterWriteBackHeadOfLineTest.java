package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A write-back retry that hangs on the SIS (another session holds the row it must write, as a long SIS job
 * does) must not hold back the students queued after it. Student A's write-back is refused (no SIS table yet)
 * and left PENDING; staff set it FAILED, the SIS table appears, the test's own open transaction inserts A's SIS
 * row, and staff set A PENDING again (docs/flows.md: how to try a FAILED one again), so A's next retry waits
 * on that row's lock (no query timeout here, and the servers' lock timeouts raised, so it waits as long as the
 * test holds it). Then student B is queued: B must go upstream, come back CREATED and be written into the SIS
 * while A's retry is still waiting. Once the test rolls back, A is written, once.
 */
class RosterWriteBackHeadOfLineTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aRetryWaitingOnTheSisDoesNotHoldBackNewStudents(DatabaseKind kind) throws Exception {
        TestDatabase created = TestDatabases.create(kind, "write-back-hol");
        TestDatabase database = patient(created, kind);
        try (AgentFixture fixture = RosterWriteBackTest.agent(database, "peoplesoft")
                .property("sisbridge.roster.write-back.query-timeout-seconds", 0)) {
            StagingQueries db = created.queries();
            fixture.start();
            Outbox.queue(created, "111", List.of(student("HA1", "a")));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> db.count(
                    "SELECT COUNT(*) FROM cccid_result WHERE local_id = 'HA1' AND write_back_status = 'PENDING'") == 1);
            // out of the retries' way while the SIS table appears and the test takes A's row (no retry can slip in)
            SisTables.execute(created, "UPDATE cccid_result SET write_back_status = 'FAILED' WHERE local_id = 'HA1'");
            SisTables.peopleSoft(created);
            try (Connection holder = created.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    s.executeUpdate("INSERT INTO PS_EXTERNAL_SYSTEM VALUES ('HA1', 'CCC', CURRENT_DATE, 'HELD')");
                }
                SisTables.execute(created, "UPDATE cccid_result SET write_back_status = 'PENDING', write_back_attempts = 0"
                        + " WHERE local_id = 'HA1'");
                try {
                    await("A's write-back retry waiting on the held row").atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100)).until(() -> waitingOnALock(db, kind) > 0);

                    Outbox.queue(created, "111", List.of(student("HZ9", "z")));
                    await("B created and written into the SIS while A's retry waits").atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(100)).until(() -> db.count("SELECT COUNT(*) FROM cccid_result"
                                    + " WHERE local_id = 'HZ9' AND outcome = 'CREATED' AND write_back_status = 'DONE'") == 1);
                    assertThat(waitingOnALock(db, kind)).as("A's retry still waits on the held row").isPositive();
                    assertThat(db.column("SELECT write_back_status FROM cccid_result WHERE local_id = 'HA1'"))
                            .containsExactly("PENDING");
                    assertThat(db.column("SELECT EXTERNAL_SYSTEM_ID FROM PS_EXTERNAL_SYSTEM WHERE EMPLID = 'HZ9'"))
                            .containsExactly(db.single("SELECT ccc_id FROM cccid_result WHERE local_id = 'HZ9'"));
                } finally {
                    holder.rollback();
                }
            }
            await("A written once the test lets its row go").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> db.count("SELECT COUNT(*) FROM cccid_result WHERE local_id = 'HA1' AND write_back_status = 'DONE'") == 1);
            assertThat(db.column("SELECT EXTERNAL_SYSTEM_ID FROM PS_EXTERNAL_SYSTEM WHERE EMPLID = 'HA1'"))
                    .containsExactly(db.single("SELECT ccc_id FROM cccid_result WHERE local_id = 'HA1'"));
        }
    }

    private static RosterStudent student(String localId, String letter) {
        return RosterCase.student(localId, "Hollis", "Lineblock" + letter, "2001-02-03", "hol." + letter + "@college.example.edu",
                null, null);
    }

    /** The agent's sessions wait on a row lock as long as it is held (the servers' defaults give up after 1 s on H2, 50 s on MariaDB). */
    private static TestDatabase patient(TestDatabase database, DatabaseKind kind) {
        String url = database.jdbcUrl();
        return switch (kind) {
            case MARIADB -> new TestDatabase(database.name(), url + (url.contains("?") ? "&" : "?")
                    + "sessionVariables=innodb_lock_wait_timeout=600", database.user(), database.password());
            case H2 -> new TestDatabase(database.name(), url + ";LOCK_TIMEOUT=600000", database.user(), database.password());
            default -> database;
        };
    }

    /** Sessions of the database waiting for a lock another holds. */
    private static long waitingOnALock(StagingQueries db, DatabaseKind kind) {
        return db.count(switch (kind) {
            case POSTGRESQL -> "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
            case MARIADB -> "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'";
            // H2 names no blocker for a row lock: the session still inside the write-back's INSERT is the one waiting
            default -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO PS_EXTERNAL_SYSTEM%'";
        });
    }
}
