package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/**
 * A roster file with an over-long line: one rejected line, the rest loads. A file with a quote
 * never closed: refused whole, with the line the quote opened on, and nothing of it enqueued (what
 * follows an open quote cannot be told apart from the quoted text). Memory stays bounded by the cap.
 */
class RosterFileBoundsTest {

    @Test
    void anOverLongLineIsRejectedWithAReasonAndTheRestLoadsButAnOpenQuoteRefusesItsWholeFile() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        Path inbox = dir.resolve("inbox");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File("roster-bounds"))
                .property("sisbridge.roster.inbox", inbox)
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))
                .property("sisbridge.roster.max-line-chars", 64 * 1024)) {
            fixture.start();
            Files.createDirectories(inbox);
            Path temp = dir.resolve("big.csv.part");
            // written streaming: a 1 MB line between good ones
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
                out.write("local_id,first_name,last_name,birth_date,email\r\n");
                out.write("S1,Ana,First,2000-01-01,s1@college.example.edu\r\n");
                out.write("S2,Ana,");
                for (int i = 0; i < 1024; i++) {
                    out.write("L".repeat(1024));
                }
                out.write(",2000-01-01,s2@college.example.edu\r\n");
                out.write("S3,Ana,Third,2000-01-01,s3@college.example.edu\r\n");
            }
            Files.move(temp, inbox.resolve("big.csv"));

            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("outbox/big-results.csv")));
            assertThat(fixture.db().column("SELECT local_id FROM cccid_request ORDER BY local_id"))
                    .containsExactly("S1", "S3");
            List<Map<String, Object>> tooLong = fixture.db().rows("SELECT line_number, LENGTH(raw_input) AS raw_length"
                    + " FROM sisbridge_reject WHERE source = 'roster-file' AND reason_code = 'ROSTER_LINE_TOO_LONG'"
                    + " ORDER BY line_number");
            assertThat(tooLong).extracting(r -> ((Number) r.get("line_number")).longValue()).containsExactly(3L);
            // the raw input kept is the header and the line's first characters, not the megabyte
            assertThat(tooLong).allSatisfy(r -> assertThat(((Number) r.get("raw_length")).intValue())
                    .isLessThanOrEqualTo(RosterCsvReader.MAX_RAW + 100));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject WHERE line_number = 3"
                    + " AND raw_input LIKE '%S2,Ana,LLLL%'")).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("outbox/big-results.csv"))).contains("max-line-chars");
            assertThat(inbox.resolve("done").toFile().list()).anyMatch(n -> n.endsWith("big.csv"));

            // an open quote on line 3, then 100 KB of lines (past the cap) and good lines: the whole file is refused
            Path open = dir.resolve("open.csv.part");
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(open, StandardCharsets.UTF_8))) {
                out.write("local_id,first_name,last_name,birth_date,email\r\n");
                out.write("Q1,Ana,First,2000-01-01,q1@college.example.edu\r\n");
                out.write("Q2,\"Ana never closed,Fourth,2000-01-01,q2@college.example.edu\r\n");
                for (int i = 0; i < 100; i++) {
                    out.write("q".repeat(1000) + "\r\n");
                }
                out.write("Q3,Ana,Fifth,2000-01-01,q3@college.example.edu\r\n");
            }
            Files.move(open, inbox.resolve("open.csv"));
            // and a short file whose quote runs to its end
            Files.writeString(inbox.resolve("cut.csv"), "local_id,first_name,last_name,birth_date,email\n"
                    + "C1,Ana,First,2000-01-01,c1@college.example.edu\nC2,\"Ana,Lopez,2000-01-01,c2@college.example.edu\n");

            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("error/open.csv.reason"))
                    && Files.exists(inbox.resolve("error/cut.csv.reason")));
            assertThat(Files.readString(inbox.resolve("error/open.csv.reason")))
                    .contains("quote opened on line 3", "nothing of the file was loaded");
            assertThat(Files.readString(inbox.resolve("error/cut.csv.reason")))
                    .contains("quote opened on line 3", "never closed");
            assertThat(fixture.db().column("SELECT local_id FROM cccid_request ORDER BY local_id"))
                    .as("nothing of a refused file is enqueued").containsExactly("S1", "S3");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject WHERE source_ref IN ('open.csv', 'cut.csv')"))
                    .isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_roster_file WHERE file_name IN ('open.csv', 'cut.csv')"))
                    .isZero();
        }
    }

    @Test
    void aFileThatEndsTheLoadWithAnErrorStillGetsItsReasonFile() throws Exception {
        Path inbox = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID()).resolve("inbox");
        Path file = inbox.resolve("huge.csv");
        Files.createDirectories(inbox);
        Files.writeString(file, "local_id\n");
        RosterFileLoader loader = new RosterFileLoader(null, null, null, null, null, java.util.Set.of("111"), true, 10,
                java.time.Clock.systemUTC(), new RosterFileFailure(inbox), 1024) {
            @Override
            Loaded loadFile(File f, String fileName) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        };
        assertThatThrownBy(() -> loader.loadOrExplain(file.toFile(), "huge.csv")).isInstanceOf(OutOfMemoryError.class);
        assertThat(Files.readString(inbox.resolve("error/huge.csv.reason"))).contains("huge.csv", "OutOfMemoryError");
    }
}
