package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.WatchEndpoint;

/**
 * Issue 12, section 5: the outbox as a SIS writes it. A roster file's bytes enter once under any
 * name; PENDING in any case or with spaces is sent; a status the agent does not know is shown, never
 * ignored in silence.
 */
class OutboxAsTheSisWritesItTest {

    private static final String HEADER = "local_id,first_name,last_name,birth_date,email";

    @Test
    void aRosterFileDroppedAgainUnderAnotherNameEntersOnceAndSaysWhichFileItRepeats() throws Exception {
        // reproduced: the same bytes under another name entered again and its students were sent upstream a second time
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabases.create(DatabaseKind.H2, "roster-renamed"))
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            StringBuilder csv = new StringBuilder(HEADER + "\n");
            for (int i = 0; i < 5; i++) {
                csv.append("R").append(i).append(",Renata,Dropper").append(RosterCase.letters(i)).append(",2001-02-03,renata")
                        .append(i).append("@college.example.edu\n");
            }
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            RosterFixtures.drop(dir, "fall-roster.csv", bytes);
            await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(dir.resolve("outbox/fall-roster-results.csv")));
            long created = fixture.simulator.accounts().accountsCreated();
            assertThat(created).isEqualTo(5);

            RosterFixtures.drop(dir, "fall-roster-copy.csv", bytes);
            Path reason = dir.resolve("inbox/done/fall-roster-copy.csv.reason");
            await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(reason)
                    && csvFiles(dir.resolve("inbox/done")).stream().anyMatch(n -> n.endsWith("fall-roster-copy.csv")));

            assertThat(Files.readString(reason)).contains("The roster file fall-roster-copy.csv entered nothing: it has the same"
                    + " content", "as the roster file fall-roster.csv loaded at ");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_request")).isEqualTo(5);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_roster_file")).isEqualTo(1);
            // one more roster run: nothing was queued, nothing is sent
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(10));
            assertThat(fixture.simulator.accounts().accountsCreated()).isEqualTo(created);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void pendingInAnyCaseOrWithSpacesIsSentAndAnUnknownStatusIsShown(DatabaseKind kind) throws Exception {
        // reproduced: status 'pending' (lower case) or with spaces around it was silently never sent
        TestDatabase database = TestDatabases.create(kind, "outbox-spelling");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)) {
            fixture.start();
            queue(database, "S1", "pending");
            queue(database, "S2", " PENDING ");
            queue(database, "S3", "Pending");
            queue(database, "S4", "HOLD");
            queue(database, "S5", "queued");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status = 'DONE'") == 3);
            assertThat(fixture.db().column("SELECT local_id FROM cccid_result ORDER BY local_id")).containsExactly("S1", "S2", "S3");
            assertThat(fixture.simulator.accounts().accountsCreated()).isEqualTo(3);
            // the agent does not guess what HOLD (or no status) means: not sent, but said
            assertThat(fixture.db().column("SELECT status FROM cccid_request WHERE local_id IN ('S4', 'S5') ORDER BY local_id"))
                    .containsExactly("HOLD", "queued");

            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    WatchEndpoint.baseUrl(fixture.camelContext()) + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(page).contains("2 outbox row(s) have a status the agent does not know (", "HOLD", "queued", ") and are never sent");

            SiteConfig site = new SiteConfig(database);
            Cli.Result status = Cli.run("status", "--config", site.write().toString());
            assertThat(status.out()).contains("WARNING: 2 outbox row(s) have a status the agent does not know ('HOLD'=1, 'queued'=1)"
                    + " and are never sent");
            Cli.Result json = Cli.run("status", "--json", "--config", site.write().toString());
            assertThat(json.exitCode()).as(json.toString()).isZero();
            assertThat(json.out()).contains("\"HOLD\" : 1", "\"queued\" : 1");
        }
    }

    /** A row as a SIS job writes it, with its own spelling of the status. */
    private static void queue(TestDatabase database, String localId, String status) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO cccid_request (mis_code, local_id, first_name, last_name,"
                     + " birth_date, email, status) VALUES ('111', ?, 'Sis', ?, ?, ?, ?)")) {
            ps.setString(1, localId);
            ps.setString(2, "Writer" + RosterCase.letters(localId.charAt(1) - '0'));
            ps.setObject(3, LocalDate.of(2000, 5, 6));
            ps.setString(4, localId.toLowerCase() + "@college.example.edu");
            ps.setString(5, status);
            ps.executeUpdate();
        }
    }

    private static List<String> csvFiles(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).toList();
        }
    }
}
