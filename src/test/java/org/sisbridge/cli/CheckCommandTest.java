package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.ClosedPort;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * {@code ./sisbridge check} end to end: the real command against the simulator and real databases,
 * one misconfiguration at a time, each recognised by its own message.
 */
class CheckCommandTest {

    private UpstreamSimulator simulator;

    @BeforeEach
    void startSimulator() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 10;
        simulator = UpstreamSimulator.start(settings, 0);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    private SiteConfig site(TestDatabase db) {
        return new SiteConfig(simulator, db);
    }

    private SiteConfig h2Site() {
        return site(TestDatabases.create(DatabaseKind.H2, "check"));
    }

    private static Cli.Result check(SiteConfig site) {
        return Cli.run("check", "--config", site.write().toString());
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aGoodInstallationPassesEveryCheck(DatabaseKind kind) {
        TestDatabase db = TestDatabases.create(kind, "check-good");
        Cli.Result result = check(site(db));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("OK    configuration keys known and values valid")
                .contains("OK    mapping ")
                .contains("OK    upstream client secret: from file")
                .contains("OK    upstream reachable at " + simulator.baseUrl())
                .contains("All checks passed")
                .doesNotContain("ERROR");
        if (kind == DatabaseKind.H2) {
            // a fresh install: the file is made by the agent's first start, not by check, which writes nothing
            assertThat(result.out()).contains("OK    no H2 database at " + db.jdbcUrl() + " yet: the agent creates it");
            assertThat(Path.of(db.jdbcUrl().substring("jdbc:h2:file:".length(), db.jdbcUrl().indexOf(';')) + ".mv.db")).doesNotExist();
        } else {
            assertThat(result.out()).contains("OK    database reachable")
                    .contains("migration(s) to apply: the agent applies them at start-up");
        }
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeyItProbablyMeant() {
        Cli.Result result = check(h2Site().set("sisbridge.events.poll-intervall-ms", 5000));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR configuration: unknown key sisbridge.events.poll-intervall-ms"
                + " (did you mean sisbridge.events.poll-interval-ms?)");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("sisbridge.events.page-size", "5000", "sisbridge.events.page-size must be a whole number from 1 to 1000, is 5000"),
                Arguments.of("sisbridge.roster.poll-interval-ms", "30s", "sisbridge.roster.poll-interval-ms must be a whole number, is '30s'"),
                Arguments.of("sisbridge.upstream.base-url", "gateway.example.edu", "sisbridge.upstream.base-url must be an http:// or https:// URL"),
                Arguments.of("sisbridge.staging.manage-schema", "yes", "sisbridge.staging.manage-schema must be true or false, is 'yes'"),
                Arguments.of("sisbridge.mis-codes", "111,12", "sisbridge.mis-codes '12' is not a MIS code"),
                Arguments.of("sisbridge.transitions.valid", "verified>gone", "sisbridge.transitions.valid unknown status 'gone'"),
                Arguments.of("sisbridge.events.unknown-event-type", "drop", "sisbridge.events.unknown-event-type must be one of store, reject"),
                Arguments.of("sisbridge.events.table", "idme events", "sisbridge.events.table 'idme events' is not a valid table name"),
                Arguments.of("sisbridge.reports.start-date", "2024-13-01", "sisbridge.reports.start-date must be a date as yyyy-MM-dd"),
                Arguments.of("sisbridge.roster.min-age", "120", "sisbridge.roster.min-age (120) must be below sisbridge.roster.max-age (110)"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void aBadValueIsNamedWithWhatItMustBe(String key, String value, String message) {
        Cli.Result result = check(h2Site().set(key, value));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR configuration: " + message);
    }

    @Test
    void aMissingOverrideFileIsSaidSo() {
        Cli.Result result = Cli.run("check", "--config", "/nonexistent/site.properties");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR override file /nonexistent/site.properties (--config) does not exist");
    }

    @Test
    void aMissingMappingFileIsSaidSo() {
        SiteConfig site = h2Site();
        Cli.Result result = check(site.set("sisbridge.staging.mapping", site.dir.resolve("nope.yaml")));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR mapping file missing: sisbridge.staging.mapping names " + site.dir.resolve("nope.yaml"));
    }

    @Test
    void aBadIdentifierInTheMappingIsNamedWithItsFileAndField() throws Exception {
        SiteConfig site = h2Site();
        Path mapping = site.dir.resolve("college.yaml");
        Files.writeString(mapping, "layout: college\ntables:\n  idme_status_event:\n    table: CCTC_EVENT_STG\n"
                + "    columns:\n      event_id: \"EVENT_ID; DROP TABLE x\"\n");
        Cli.Result result = check(site.set("sisbridge.staging.mapping", mapping));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR mapping invalid: mapping college.yaml idme_status_event.event_id:"
                + " 'EVENT_ID; DROP TABLE x' is not a valid table or column name");
    }

    @Test
    void anUnreachableDatabaseIsSaidSo() {
        Cli.Result result = check(h2Site().set("sisbridge.staging.jdbc-url", "jdbc:postgresql://127.0.0.1:1/staging")
                .set("sisbridge.staging.database", "auto"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR database unreachable: jdbc:postgresql://127.0.0.1:1/staging")
                .doesNotContain("refused the credentials");
    }

    @Test
    void aWrongDatabasePasswordOnH2IsTold() throws Exception {
        TestDatabase db = TestDatabases.create(DatabaseKind.H2, "check-password");
        DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()).close(); // the database exists, with sa's real password
        SiteConfig site = site(db);
        Cli.Result result = check(site.set("sisbridge.staging.password-file", site.secretFile("db-password", "wrong", "rw-------")));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR database refused the credentials: " + db.jdbcUrl())
                .doesNotContain("database unreachable");
    }

    @Test
    void aWrongDatabasePasswordOnMariaDbIsTold() {
        TestDatabase db = TestDatabases.create(DatabaseKind.MARIADB, "check-password");
        SiteConfig site = site(db);
        Cli.Result result = check(site.set("sisbridge.staging.password-file", site.secretFile("db-password", "wrong", "rw-------")));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR database refused the credentials: " + db.jdbcUrl());
    }

    @Test
    void anUnreachableUpstreamIsSaidSo() {
        Cli.Result result = check(h2Site().set("sisbridge.upstream.base-url", "http://127.0.0.1:1"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR upstream unreachable at http://127.0.0.1:1")
                .contains("OK    no H2 database at").doesNotContain("ERROR database");
    }

    @Test
    void aBadClientSecretIsRefusedByTheUpstream() {
        SiteConfig site = h2Site();
        Cli.Result result = check(site.set("sisbridge.upstream.client-secret-file", site.secretFile("client-secret", "not-the-secret", "rw-------")));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR upstream credentials rejected: upstream refused the client credentials (HTTP 401)");
    }

    @Test
    void aMissingSecretIsSaidSo() {
        Cli.Result result = check(h2Site().remove("sisbridge.upstream.client-secret-file"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERROR missing secret: the upstream client secret is not set; set environment variable "
                + SiteConfig.UNSET_VARIABLE + " or name a file in sisbridge.upstream.client-secret-file");
    }

    @Test
    void aWorldReadableSecretFileIsWarnedAbout() {
        SiteConfig site = h2Site();
        Path secret = site.secretFile("client-secret", simulator.settings().clientSecret, "rw-r--r--");
        Cli.Result result = check(site.set("sisbridge.upstream.client-secret-file", secret));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("WARN  secret file readable by every user of this machine: " + secret)
                .contains("chmod 600");
    }

    @Test
    void aTakenManagementPortIsWarnedAbout() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result result = check(h2Site().set("sisbridge.watch.host", "127.0.0.1").set("sisbridge.watch.port", taken.getLocalPort()));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).contains("WARN  management endpoint address 127.0.0.1:" + taken.getLocalPort()
                    + " is in use: fine if that is this agent, running; otherwise run refuses to start");
        }
        Cli.Result free = check(h2Site().set("sisbridge.watch.port", ClosedPort.find()));
        assertThat(free.out()).containsPattern("OK    management endpoint address 127\\.0\\.0\\.1:\\d+ is free");
    }

    /**
     * A pool too small for what the flows hold at once (the events writer, two report loads on
     * sisbridge.reports.writer-connections each, one for the rest) reads later as a database timeout;
     * check says it with the figure that would do, and is quiet once the pool is big enough.
     */
    @Test
    void aPoolTooSmallForTheFlowsIsWarnedAbout() {
        Cli.Result small = check(h2Site().set("sisbridge.staging.pool-size", 5));
        assertThat(small.exitCode()).as(small.toString()).isZero();
        // auto: one events connection on H2
        assertThat(small.out()).contains("WARN  sisbridge.staging.pool-size is 5, but the flows may hold 6 connections at once"
                + " (the events writer 1 (sisbridge.events.writer-connections), 2 report loads 2 each"
                + " (sisbridge.reports.writer-connections), 1 for the rest)")
                .contains("Raise the pool size to 6 or lower the writer connections.");
        Cli.Result twoForEvents = check(h2Site().set("sisbridge.staging.pool-size", 6).set("sisbridge.events.writer-connections", 2));
        assertThat(twoForEvents.out()).contains("WARN  sisbridge.staging.pool-size is 6, but the flows may hold 7 connections");

        Cli.Result oneWriter = check(h2Site().set("sisbridge.staging.pool-size", 5).set("sisbridge.reports.writer-connections", 1));
        assertThat(oneWriter.out()).doesNotContain("sisbridge.staging.pool-size is");

        // a mailbox load can run beside the other two
        Cli.Result mailbox = check(h2Site().set("sisbridge.staging.pool-size", 7).set("sisbridge.reports.mailbox.enabled", true));
        assertThat(mailbox.out()).contains("WARN  sisbridge.staging.pool-size is 7, but the flows may hold 8 connections at once"
                + " (the events writer 1 (sisbridge.events.writer-connections), 3 report loads 2 each"
                + " (sisbridge.reports.writer-connections, the mailbox on), 1 for the rest)");
        assertThat(check(h2Site()).out()).doesNotContain("sisbridge.staging.pool-size is");
    }

    /** A proxy trusted without a management token: the status page is this machine's only, said before anyone wonders. */
    @Test
    void aTrustedProxyWithoutAManagementTokenIsWarnedAbout() {
        Cli.Result noToken = check(h2Site().set("sisbridge.watch.trusted-proxies", "127.0.0.1"));
        assertThat(noToken.exitCode()).as(noToken.toString()).isZero();
        assertThat(noToken.out()).contains("WARN  sisbridge.watch.trusted-proxies is set but the management endpoint has no"
                + " token: its status page, status.json and /observe/* answer only on this machine");
        assertThat(check(h2Site()).out()).doesNotContain("trusted-proxies is set");
    }
}
