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

/** A roster file with an over-long line or a quote never closed: one rejected line each, the rest loads. */
class RosterFileBoundsTest {

    @Test
    void anOverLongLineAndAnOpenQuoteAreRejectedWithAReasonAndTheRestOfTheFileLoads() throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        Path inbox = dir.resolve("inbox");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File("roster-bounds"))
                .property("sisbridge.roster.inbox", inbox)
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))
                .property("sisbridge.roster.max-line-chars", 64 * 1024)) {
            fixture.start();
            Files.createDirectories(inbox);
            Path temp = dir.resolve("big.csv.part");
            // written streaming: a 1 MB line, then an open quote followed by 100 KB of lines
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
                out.write("local_id,first_name,last_name,birth_date,email\r\n");
                out.write("S1,Ana,First,2000-01-01,s1@college.example.edu\r\n");
                out.write("S2,Ana,");
                for (int i = 0; i < 1024; i++) {
                    out.write("L".repeat(1024));
                }
                out.write(",2000-01-01,s2@college.example.edu\r\n");
                out.write("S3,Ana,Third,2000-01-01,s3@college.example.edu\r\n");
                out.write("S4,\"Ana never closed,Fourth,2000-01-01,s4@college.example.edu\r\n");
                for (int i = 0; i < 100; i++) {
                    out.write("q".repeat(1000) + "\r\n");
                }
                out.write("S5,Ana,Fifth,2000-01-01,s5@college.example.edu\r\n");
            }
            Files.move(temp, inbox.resolve("big.csv"));

            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("outbox/big-results.csv")));
            assertThat(fixture.db().column("SELECT local_id FROM cccid_request ORDER BY local_id"))
                    .containsExactly("S1", "S3", "S5");
            List<Map<String, Object>> tooLong = fixture.db().rows("SELECT line_number, LENGTH(raw_input) AS raw_length"
                    + " FROM sisbridge_reject WHERE source = 'roster-file' AND reason_code = 'ROSTER_LINE_TOO_LONG'"
                    + " ORDER BY line_number");
            assertThat(tooLong).extracting(r -> ((Number) r.get("line_number")).longValue()).containsExactly(3L, 5L);
            // the raw input kept is the header and the line's first characters, not the megabyte
            assertThat(tooLong).allSatisfy(r -> assertThat(((Number) r.get("raw_length")).intValue())
                    .isLessThanOrEqualTo(RosterCsvReader.MAX_RAW + 100));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject WHERE line_number = 3"
                    + " AND raw_input LIKE '%S2,Ana,LLLL%'")).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("outbox/big-results.csv"))).contains("max-line-chars");
            assertThat(inbox.resolve("done").toFile().list()).anyMatch(n -> n.endsWith("big.csv"));
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
            public long load(File f, String fileName) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        };
        assertThatThrownBy(() -> loader.loadOrExplain(file.toFile(), "huge.csv")).isInstanceOf(OutOfMemoryError.class);
        assertThat(Files.readString(inbox.resolve("error/huge.csv.reason"))).contains("huge.csv", "OutOfMemoryError");
    }
}
