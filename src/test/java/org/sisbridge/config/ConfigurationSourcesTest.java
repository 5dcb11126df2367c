package org.sisbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Where values come from (reference file, --config file, environment variables) and that the agent
 * refuses to start on a key or value it does not accept.
 */
class ConfigurationSourcesTest {

    private UpstreamSimulator simulator;
    private TestDatabase db;

    @BeforeEach
    void start() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 10;
        simulator = UpstreamSimulator.start(settings, 0);
        db = TestDatabases.create(DatabaseKind.H2, "config-sources");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void runRefusesAnUnknownKeyNamingIt() {
        Path config = new SiteConfig(simulator, db).set("sisbridge.events.pagesize", 100).write();
        Cli.Result result = Cli.run("run", "--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown key sisbridge.events.pagesize (did you mean sisbridge.events.page-size?)");
    }

    @Test
    void runRefusesABadValueNamingIt() {
        Path config = new SiteConfig(simulator, db).set("sisbridge.staging.pool-size", "four").write();
        Cli.Result result = Cli.run("run", "--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("sisbridge.staging.pool-size must be a whole number, is 'four'");
    }

    @Test
    void runRefusesAMalformedTrustedProxyInOneLine() {
        Path config = new SiteConfig(simulator, db).set("sisbridge.watch.trusted-proxies", "10.0.0.0/33").write();
        Cli.Result result = Cli.run("run", "--config", config.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("sisbridge.watch.trusted-proxies has '10.0.0.0/33', whose prefix length must be a"
                + " number from 0 to 32").doesNotContain("\tat ");
    }

    @Test
    void runRefusesToStartWithoutTheClientSecretSayingWhereItGoes() {
        Path config = new SiteConfig(simulator, db).remove("sisbridge.upstream.client-secret-file").write();
        Cli.Result result = Cli.run("run", "--config", config.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("the upstream client secret is not set: put it in the environment variable named by"
                + " sisbridge.upstream.client-secret-env, or in the file named by sisbridge.upstream.client-secret-file")
                .doesNotContain("\tat ");
    }

    @Test
    void theAgentItselfRefusesAnUnknownKey() throws Exception {
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), db).property("sisbridge.roster.batchsize", 10)) {
            assertThatThrownBy(fixture::start)
                    .hasStackTraceContaining("unknown key sisbridge.roster.batchsize (did you mean sisbridge.roster.batch-size?)");
        }
    }

    @Test
    void theOverrideFileWinsOverTheReferenceFile() {
        Path config = new SiteConfig(simulator, db).set("sisbridge.events.page-size", 123).write();
        try (LoadedConfiguration loaded = new AgentConfiguration(AgentFixture.HOME, config, Map.of()).load(Map.of())) {
            assertThat(loaded.properties().integer("sisbridge.events.page-size")).isEqualTo(123);
            assertThat(loaded.properties().integer("sisbridge.roster.batch-size")).isEqualTo(500); // the reference's default
        }
    }

    /** Environment variables need a process of their own: the real launcher's main class, in a child JVM. */
    @Test
    void environmentVariablesOverrideTheFilesAndAreValidatedToo() throws Exception {
        Path config = new SiteConfig(simulator, db)
                .set("sisbridge.upstream.base-url", "http://127.0.0.1:1")
                .set("sisbridge.upstream.client-secret-env", "SISBRIDGE_CLIENT_SECRET")
                .remove("sisbridge.upstream.client-secret-file")
                .write();
        Cli.Result good = checkInChildProcess(config, Map.of(
                "SISBRIDGE_UPSTREAM_BASE_URL", simulator.baseUrl(),
                "SISBRIDGE_CLIENT_SECRET", simulator.settings().clientSecret,
                "SISBRIDGE_EVENTS_PAGESIZE", "100"));
        assertThat(good.exitCode()).as(good.toString()).isZero();
        assertThat(good.out()).contains("OK    upstream client secret: from environment variable SISBRIDGE_CLIENT_SECRET")
                .contains("OK    upstream reachable at " + simulator.baseUrl())
                .contains("WARN  configuration: environment variable SISBRIDGE_EVENTS_PAGESIZE sets no configuration key"
                        + " (did you mean SISBRIDGE_EVENTS_PAGE_SIZE?)");

        Cli.Result bad = checkInChildProcess(config, Map.of("SISBRIDGE_EVENTS_PAGE_SIZE", "abc"));
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("ERROR configuration: sisbridge.events.page-size must be a whole number, is 'abc'");
    }

    private static Cli.Result checkInChildProcess(Path config, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsisbridge.home=" + AgentFixture.HOME,
                "-Dlogback.configurationFile=" + AgentFixture.HOME.resolve("src/test/resources/logback-test.xml"),
                "org.sisbridge.cli.SisbridgeCommand", "check", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(AgentFixture.HOME.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SISBRIDGE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        var err = process.getErrorStream();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(process.exitValue(), out, new String(err.readAllBytes(), StandardCharsets.UTF_8));
    }
}
