package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/** What a roster drop folder must never read: links, things that are not regular files, empty files. */
class RosterDropFolderEntriesTest {

    private static final String ONE_STUDENT = "local_id,first_name,last_name,birth_date,email\r\n"
            + "S1,Priya,Private,2000-01-01,priya.private@college.example.edu\r\n";

    @Test
    void aLinkToAFileOutsideTheInboxIsMovedToErrorUnreadAndNothingGoesUpstream() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        Path inbox = dir.resolve("inbox");
        Path secret = dir.resolve("private/students.csv");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, ONE_STUDENT, StandardCharsets.UTF_8);
        try (AgentFixture fixture = agent(dir, "roster-link")) {
            fixture.start();
            Files.createDirectories(inbox);
            Files.createSymbolicLink(inbox.resolve("linked.csv"), secret);

            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("error/linked.csv.reason")));
            assertThat(Files.isSymbolicLink(inbox.resolve("error/linked.csv"))).as("the link itself moved").isTrue();
            assertThat(Files.readString(inbox.resolve("error/linked.csv.reason"))).contains("symbolic link");
            assertThat(Files.readString(secret)).isEqualTo(ONE_STUDENT);
            // a file dropped after it loads: the folder goes on, and the link's student never entered
            drop(inbox, "after.csv", ONE_STUDENT.replace("S1,Priya,Private", "S2,Ana,Later"));
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.db().count("SELECT COUNT(*) FROM cccid_request") == 1);
            assertThat(fixture.db().column("SELECT local_id FROM cccid_request")).containsExactly("S2");
        }
    }

    @Test
    void aLinkToDevZeroAndAnEmptyFileGoToErrorAndDoNotHoldUpTheFolder() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        Path inbox = dir.resolve("inbox");
        try (AgentFixture fixture = agent(dir, "roster-dev-zero")) {
            fixture.start();
            Files.createDirectories(inbox);
            Files.createSymbolicLink(inbox.resolve("zero.csv"), Path.of("/dev/zero"));
            Files.createFile(inbox.resolve("empty.csv"));
            drop(inbox, "good.csv", ONE_STUDENT);

            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("error/zero.csv.reason"))
                    && Files.exists(inbox.resolve("error/empty.csv.reason"))
                    && fixture.db().count("SELECT COUNT(*) FROM cccid_request") == 1);
            assertThat(Files.exists(inbox.resolve("error/zero.csv"), LinkOption.NOFOLLOW_LINKS)).isTrue();
            assertThat(Files.exists(inbox.resolve("zero.csv"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(Files.exists(inbox.resolve("empty.csv"))).isFalse();
            assertThat(Files.readString(inbox.resolve("error/empty.csv.reason"))).contains("empty");
        }
    }

    @Test
    void aNamedPipeIsMovedToErrorWithoutBeingOpened() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        Path inbox = dir.resolve("inbox");
        Files.createDirectories(inbox);
        Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("pipe.csv").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        try (AgentFixture fixture = agent(dir, "roster-fifo")) {
            fixture.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("error/pipe.csv.reason")));
            assertThat(Files.readString(inbox.resolve("error/pipe.csv.reason"))).contains("not a regular file");
            assertThat(Files.exists(inbox.resolve("error/pipe.csv"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        }
    }

    private static AgentFixture agent(Path dir, String database) {
        return RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File(database))
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"));
    }

    private static void drop(Path inbox, String name, String content) throws Exception {
        Path temp = inbox.getParent().resolve(name + ".part");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, inbox.resolve(name));
    }
}
