package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;
import org.slf4j.LoggerFactory;

/**
 * A roster file the agent cannot use is one log line (the reason's), moves to error/ with its reason and
 * stands on the status page; a second file of the same name, refused or repeating a loaded one, takes a
 * free name (name-1.csv) with its reason beside it, so no earlier file or reason is overwritten.
 */
class RosterRefusedFilesTest {

    private static final String GOOD = "local_id,first_name,last_name,birth_date,email\n"
            + "S1,Priya,Private,2000-01-01,priya.private@college.example.edu\n";
    /** No birth_date column: refused before any row is read. */
    private static final String WRONG_HEADER = "local_id,first_name,last_name,email\nS9,Ana,Secret,ana.secret@example.edu\n";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    @Test
    void aRefusedFileIsOneLogLineAndASecondOfTheSameNameKeepsTheFirstAndItsReason() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        Path inbox = dir.resolve("inbox");
        try (AgentFixture fixture = agent(dir, "roster-refused")) {
            fixture.start();
            logs.list.clear();
            RosterFixtures.drop(dir, "roster.csv", WRONG_HEADER.getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("error/roster.csv"))
                    && !Files.exists(inbox.resolve("roster.csv")));
            // a BOM and nothing else, under the same name
            RosterFixtures.drop(dir, "roster.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n'});
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("error/roster-1.csv"))
                    && !Files.exists(inbox.resolve("roster.csv")));

            assertThat(Files.readString(inbox.resolve("error/roster.csv"))).isEqualTo(WRONG_HEADER);
            assertThat(Files.readString(inbox.resolve("error/roster.csv.reason"))).contains("birth_date");
            assertThat(Files.readString(inbox.resolve("error/roster-1.csv.reason"))).contains("roster.csv", "empty");
            FlowActivity activity = fixture.camelContext().getRegistry().lookupByNameAndType("flowActivity", FlowActivity.class);
            assertThat(activity.lastFailure(RosterFileFailure.FLOW, RosterFileFailure.SCOPE)).contains("empty", "error/")
                    .doesNotContain("roster.csv").doesNotContain("roster-1.csv");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request")).isZero();
            fixture.stopAgent();
        }
        assertOneLinePerRefusedFile(2);
    }

    @Test
    void aTruncatedWorkbookIsRefusedWithItsReasonInOneLineOnceItHasNotChangedForTheWait() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        Path inbox = dir.resolve("inbox");
        try (AgentFixture fixture = agent(dir, "roster-cut-xlsx")) {
            fixture.start();
            Path made = new RosterWorkbooks()
                    .row(1).texts("Local ID", "First Name", "Last Name", "Birth Date", "E-mail")
                    .row(2).texts("W1", "Ana", "Cut", "2001-01-01", "w1@college.example.edu")
                    .write(dir.resolve("made/fall.xlsx"));
            byte[] whole = Files.readAllBytes(made);
            Path cut = dir.resolve("fall.xlsx");
            Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
            // a copy that stopped over a minute ago: the guard stops waiting for the rest
            Files.setLastModifiedTime(cut, FileTime.from(Instant.now().minusSeconds(120)));
            logs.list.clear();
            Files.createDirectories(inbox);
            Files.move(cut, inbox.resolve("fall.xlsx"));

            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("error/fall.xlsx.reason"))
                    && Files.exists(inbox.resolve("error/fall.xlsx")));
            assertThat(Files.readString(inbox.resolve("error/fall.xlsx.reason"))).contains("not an Excel workbook", "cut off");
            fixture.stopAgent();
        }
        assertOneLinePerRefusedFile(1);
    }

    @Test
    void aFileRepeatingALoadedOneTwiceKeepsBothCopiesAndBothReasonsInDone() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        Path done = dir.resolve("inbox/done");
        try (AgentFixture fixture = agent(dir, "roster-repeated")) {
            fixture.start();
            byte[] bytes = GOOD.getBytes(StandardCharsets.UTF_8);
            RosterFixtures.drop(dir, "spring.csv", bytes);
            await().atMost(Duration.ofSeconds(30)).until(() -> names(done).stream().anyMatch(n -> n.endsWith("-spring.csv")));
            RosterFixtures.drop(dir, "spring.csv", bytes);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done.resolve("spring.csv.reason"))
                    && Files.exists(done.resolve("spring.csv")));
            RosterFixtures.drop(dir, "spring.csv", bytes);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done.resolve("spring-1.csv.reason"))
                    && Files.exists(done.resolve("spring-1.csv")));

            assertThat(Files.readString(done.resolve("spring.csv.reason"))).contains("entered nothing", "same content");
            assertThat(Files.readString(done.resolve("spring-1.csv.reason"))).contains("entered nothing", "same content");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_roster_file")).isEqualTo(1);
        }
    }

    private static AgentFixture agent(Path dir, String database) {
        return RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File(database))
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"));
    }

    /** Every WARN or ERROR line is the reason's own line: one per file, plain, without student data. */
    private void assertOneLinePerRefusedFile(int files) {
        List<ILoggingEvent> loud = List.copyOf(logs.list).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(loud).as("warnings and errors").hasSize(files).allSatisfy(e -> {
            assertThat(e.getLoggerName()).as(e.getFormattedMessage()).isEqualTo(RosterFileFailure.class.getName());
            assertThat(e.getThrowableProxy()).as("stack trace of: " + e.getFormattedMessage()).isNull();
            assertThat(e.getFormattedMessage()).startsWith("Roster file ").doesNotContain("\n")
                    .doesNotContain("Secret", "ana.secret", "Priya", "W1");
        });
    }

    private static List<String> names(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
