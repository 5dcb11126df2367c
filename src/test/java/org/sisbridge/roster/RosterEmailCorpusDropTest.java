package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The public address corpus of {@link EmailAddressCorpusTest} (JoshData/python-email-validator,
 * tests/test_syntax.py at commit b73d010, public domain; src/test/resources/email-corpus/) as staff
 * would send it: one roster file, one student per address, dropped in the inbox and pushed to the
 * simulator. Every address the agent judges valid creates its account; every other one is
 * REJECTED as INVALID_EMAIL (or, over the field's 256 characters, STUDENT_FIELD_TOO_LONG) in the outbox and never reaches the upstream.
 */
class RosterEmailCorpusDropTest {

    private static final String MIS = "111";

    static Stream<DatabaseKind> databases() {
        return Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("databases")
    void everyCorpusAddressIsSentOrRejectedAsTheValidatorJudgesIt(DatabaseKind kind) throws Exception {
        Map<String, Boolean> expectedValid = new LinkedHashMap<>();
        StringBuilder roster = new StringBuilder("local_id,first_name,last_name,birth_date,email\r\n");
        for (Arguments a : EmailAddressCorpusTest.corpus().toList()) {
            String address = (String) a.get()[2];
            // a CSV cell can carry any address but a line break or another control character: those are the
            // reader's business (RosterEncodingsTest), and a blank cell is a missing field, not an address
            if (address.isBlank() || address.chars().anyMatch(c -> c < 0x20 || c == 0x7F)
                    || !UnicodeSpace.strip(address).equals(address)) {
                continue;
            }
            String id = "E" + expectedValid.size();
            expectedValid.put(id, (Boolean) a.get()[3]);
            roster.append(id).append(',').append(lettersOf(expectedValid.size())).append(",Corpus,1990-01-01,\"")
                    .append(address.replace("\"", "\"\"")).append("\"\r\n");
        }
        assertThat(expectedValid.values()).contains(true, false);
        assertThat(expectedValid).hasSizeGreaterThan(200);

        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabases.create(kind, "roster-email-corpus"))
                .property("sisbridge.roster.batch-size", 100)
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            RosterFixtures.drop(dir, "addresses.csv", roster.toString().getBytes(StandardCharsets.UTF_8));
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(90));
            Map<String, String> outcome = new LinkedHashMap<>();
            for (Map<String, Object> row : fixture.db().rows("SELECT local_id, status, reason_code FROM cccid_request")) {
                outcome.put((String) row.get("local_id"), row.get("status") + " " + row.get("reason_code"));
            }
            assertThat(outcome).as("one outbox row per address").hasSameSizeAs(expectedValid);
            for (Map.Entry<String, Boolean> e : expectedValid.entrySet()) {
                String id = e.getKey();
                if (e.getValue()) {
                    assertThat(outcome.get(id)).as(id).startsWith("DONE");
                    assertThat(fixture.simulator.accounts().accountsCreated(MIS, id)).as(id).isEqualTo(1);
                } else {
                    // an address longer than the e-mail field (256) is refused for its length before its form is judged
                    assertThat(outcome.get(id)).as(id).isIn("REJECTED INVALID_EMAIL", "REJECTED STUDENT_FIELD_TOO_LONG");
                    assertThat(fixture.simulator.accounts().accountsCreated(MIS, id)).as(id).isZero();
                }
            }
        }
    }

    /** A first name of letters only (names may hold no digit), different for every student. */
    private static String lettersOf(int n) {
        StringBuilder name = new StringBuilder();
        for (int i = n; i > 0; i /= 26) {
            name.append((char) ('a' + i % 26));
        }
        return "Ana" + name;
    }
}
