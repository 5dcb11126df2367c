package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Roster file lines rejected because they name a college this agent did not serve: once it does,
 * {@code rejects replay} queues the student in the outbox as PENDING under the file's source and
 * line; a line that is still wrong (a bad e-mail, a value past the header's last column) stays, with its new reason.
 */
class RosterRejectReplayTest {

    private static final String HEADER = "Local ID,First Name,Middle Name,Last Name,Birth Date,E-mail,Phone,Postal Code,MIS Code";

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aStudentOfAForgottenCollegeIsQueuedOnceTheCollegeIsServed(DatabaseKind kind) throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        TestDatabase db = TestDatabases.create(kind, "roster-replay");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), db)
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            String csv = HEADER + "\r\n"
                    + "S1,Ana,,Garcia,2000-01-01,ana.garcia@college.example.edu,,95814,111\r\n"
                    + "S2,Luis,,Ortiz,1999-05-06,luis.ortiz@college.example.edu,,95814,222\r\n"
                    + "S3,Mia,,Chen,2001-07-08,not-an-address,,95814,222\r\n"
                    + "S4,Ana,,Wide,2000-01-01,s4@college.example.edu,,95814,111,past the header\r\n";
            Files.createDirectories(dir.resolve("inbox"));
            Files.writeString(dir.resolve("roster.part"), csv, StandardCharsets.UTF_8);
            Files.move(dir.resolve("roster.part"), dir.resolve("inbox/fall.csv"));
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.db().count("SELECT COUNT(*) FROM cccid_roster_file") == 1);
            fixture.stopAgent();
            assertThat(fixture.db().rejectsByReason("roster-file"))
                    .isEqualTo(Map.of("MIS_CODE_NOT_CONFIGURED", 2L, "UNREADABLE_ROSTER_LINE", 1L));

            String config = new SiteConfig(fixture.simulator, db).set("sisbridge.mis-codes", "111,222").write().toString();
            Cli.Result replay = Cli.run("rejects", "replay", "--source", "roster-file", "--config", config);
            assertThat(replay.exitCode()).isEqualTo(1);
            assertThat(replay.out()).contains("line 3 of fall.csv (into the outbox as PENDING) staged; reject removed",
                    "still rejected, INVALID_EMAIL", "still rejected, UNREADABLE_ROSTER_LINE",
                    "3 reject(s) replayed: 1 staged (0 of them already there), 2 still rejected.");

            var queued = fixture.db().rows("SELECT mis_code, status, source, source_line FROM cccid_request WHERE local_id = 'S2'");
            assertThat(queued).hasSize(1);
            assertThat(queued.get(0).get("mis_code")).isEqualTo("222");
            assertThat(queued.get(0).get("status")).isEqualTo("PENDING");
            assertThat(((Number) queued.get(0).get("source_line")).longValue()).isEqualTo(3);
            assertThat(queued.get(0).get("source")).isEqualTo(fixture.db().single("SELECT source FROM cccid_roster_file"));
            assertThat(fixture.db().rejectsByReason("roster-file"))
                    .isEqualTo(Map.of("INVALID_EMAIL", 1L, "UNREADABLE_ROSTER_LINE", 1L));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE local_id = 'S3'")).isZero();
        }
    }
}
