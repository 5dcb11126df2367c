package org.sisbridge.staging.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.StagingSchemaCheck;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.SqlScript;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.WatchEndpoint;

/**
 * A DBA runs what {@code migrate --print} prints for a shipped mapping, the schema check finds
 * nothing to say, every flow then writes into those tables with {@code manage-schema=false}, and
 * every view (status, status --json, the status page, rejects list and show) reads them back
 * through the mapping's conversions: issue 12's "Bad value for type timestamp" from PeopleSoft's
 * LOADED_DTTM_TXT, and a status page saying "No report loaded yet" after reports had loaded.
 * On H2, PostgreSQL and MariaDB, and the SQL Server and Oracle DDL on H2 in their compatibility modes.
 */
class PrintedDdlTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return TestDatabases.withCompatibilityModes().flatMap(kind -> Stream.of("peoplesoft", "banner").map(m -> Arguments.of(kind, m)));
    }

    static Path mappingFile(String mapping) {
        return AgentFixture.HOME.resolve("config/mappings/" + mapping + ".yaml");
    }

    /** The mapping as the agent loads it, with the generic tables at their default names. */
    static StagingMapping load(String mapping) {
        Map<String, String> byKey = CanonicalLayout.TABLE_KEYS.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        return StagingMapping.load(mappingFile(mapping), byKey::get);
    }

    /** What the DBA does: print the DDL for this database and mapping, and run it. */
    static void createAsADbaWould(Path dir, TestDatabase database, String mapping) throws Exception {
        String printed = ShippedDdlTest.printed(dir, mapping, database.kind().name().toLowerCase());
        SqlScript.run(database.dataSource(), printed);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void everyFlowWritesIntoThePrintedTablesAndEveryViewReadsThem(DatabaseKind kind, String mapping) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "ddl-" + mapping);
        createAsADbaWould(dir, database, mapping);
        StagingSchemaCheck.Findings findings = StagingSchemaCheck.findings(database.dataSource(), load(mapping), t -> true);
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).isEmpty();

        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 40;
        settings.invalidCccidRate = 0.1;
        try (AgentFixture fixture = new AgentFixture(settings, database)
                .property("sisbridge.staging.manage-schema", false)
                .property("sisbridge.staging.mapping", mappingFile(mapping))
                .property("sisbridge.reports.start-date", "2024-01-01")
                .property("sisbridge.reports.poll-interval-ms", 200)
                .property("sisbridge.reports.initial-delay-ms", 0)
                .property("sisbridge.reports.download-folder", dir.resolve("download").toString())
                .property("sisbridge.reports.inbox", dir.resolve("reports-inbox").toString())
                .property("sisbridge.roster.poll-interval-ms", 300)
                .property("sisbridge.roster.initial-delay-ms", 0)
                .property("sisbridge.roster.job-poll-initial-delay-ms", 20)
                .property("sisbridge.roster.job-poll-max-delay-ms", 200)
                .property("sisbridge.roster.inbox-poll-interval-ms", 200)
                .property("sisbridge.roster.inbox-settle-ms", 100)
                .property("sisbridge.roster.inbox", dir.resolve("roster-inbox").toString())
                .property("sisbridge.roster.outbox", dir.resolve("roster-outbox").toString())) {
            fixture.simulator.reports().publishDays(3);
            SisbridgeAgent agent = fixture.start();
            Files.createDirectories(dir.resolve("roster-inbox"));
            Path part = Files.writeString(dir.resolve("fall.csv.part"), "Local ID,First Name,Middle Name,Last Name,Birth Date,"
                    + "E-mail,Phone,Postal Code\r\nL1,Ana,,Garcia,2000-01-01,l1@college.example.edu,,95814\r\n"
                    + "L2,Ben,,Okafor,2001-03-04,l2@college.example.edu,,95814\r\n", StandardCharsets.UTF_8);
            Files.move(part, dir.resolve("roster-inbox/fall.csv"));

            String loads = load(mapping).table("sisbridge_report_load").table();
            fixture.awaitEventsCaughtUp();
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.db().count("SELECT COUNT(*) FROM " + loads) >= 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("roster-outbox/fall-results.csv")));
            assertThat(fixture.db().count("SELECT COUNT(*) FROM " + load(mapping).table("idme_status_event").table()))
                    .isPositive();

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(WatchEndpoint.baseUrl(agent.camelContext()) + "/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).doesNotContain("No report loaded yet", "Not shown", "Bad value")
                    .contains("-DAILY-");
            fixture.stopAgent();

            String config = new SiteConfig(fixture.simulator, database)
                    .set("sisbridge.staging.manage-schema", false)
                    .set("sisbridge.staging.mapping", mappingFile(mapping)).write().toString();
            Cli.Result text = Cli.run("status", "--config", config);
            assertThat(text.exitCode()).as(text.toString()).isZero();
            assertThat(text.out()).doesNotContain("Not readable", "Bad value").contains("-DAILY-");

            Cli.Result json = Cli.run("status", "--json", "--config", config);
            assertThat(json.exitCode()).as(json.toString()).isZero();
            JsonNode snapshot = new ObjectMapper().readTree(json.out());
            assertThat(snapshot.path("unreadable")).as(json.out()).isEmpty();
            assertThat(snapshot.path("recentReports")).as(json.out()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(snapshot.path("recentReports").get(0).path("loadedAt").asText()).startsWith("20");

            Cli.Result rejects = Cli.run("rejects", "list", "--config", config);
            assertThat(rejects.exitCode()).as(rejects.toString()).isZero();
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("(?m)^\\s*(\\d+)\\s").matcher(rejects.out());
            assertThat(id.find()).as(rejects.out()).isTrue();
            Cli.Result shown = Cli.run("rejects", "show", id.group(1), "--config", config);
            assertThat(shown.exitCode()).as(shown.toString()).isZero();
        }
    }
}
