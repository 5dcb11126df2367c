package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.config.Launcher;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, section 3: the configuration says what it wants. A mapping is named as docs/databases-and-mapping.md
 * names it; a mapping or schema mistake at run is one message and exit 2; every command says first which
 * files and which database it read; messages name the launcher that was run.
 */
class ConfigurationSaysWhatItWantsTest {

    private static final Path MAPPINGS = AgentFixture.HOME.resolve("config/mappings").toAbsolutePath().normalize();

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
        System.clearProperty(Launcher.PROPERTY);
    }

    private SiteConfig site(String name) {
        return new SiteConfig(simulator, TestDatabases.create(DatabaseKind.H2, name)).set("sisbridge.watch.enabled", false);
    }

    @Test
    void aMappingNamedAsTheReadmeNamesItIsFoundInConfigMappings() {
        // reproduced: "does not exist", without saying that a path was wanted
        for (String name : new String[] {"peoplesoft", "peoplesoft.yaml", "mappings/peoplesoft.yaml"}) {
            Cli.Result check = Cli.run("check", "--config", site("mapping-name").set("sisbridge.staging.mapping", name)
                    .write().toString());
            assertThat(check.out()).as(name).contains("OK    mapping " + MAPPINGS.resolve("peoplesoft.yaml")
                    + " loads (layout peoplesoft)").doesNotContain("ERROR mapping");
        }
    }

    @Test
    void aMappingThatIsNotThereIsNamedWithWhereItWasLookedFor() {
        Cli.Result check = Cli.run("check", "--config", site("mapping-typo").set("sisbridge.staging.mapping", "peoplsoft")
                .write().toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("ERROR mapping file missing: sisbridge.staging.mapping names peoplsoft, which does not"
                + " exist (looked for " + MAPPINGS.resolve("peoplsoft.yaml") + "); give the name of a mapping in " + MAPPINGS
                + " (banner, generic, peoplesoft), or the path of a YAML mapping file");
    }

    @Test
    void runWithAMappingThatIsNotThereIsOneMessageAndExitTwo() {
        // reproduced: a stack trace and exit 1, so systemd restarted the agent every 10 s
        Cli.Result run = Cli.run("run", "--config", site("run-mapping-typo").set("sisbridge.staging.mapping", "peoplsoft")
                .write().toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("sisbridge.staging.mapping names peoplsoft, which does not exist (looked for "
                + MAPPINGS.resolve("peoplsoft.yaml")).doesNotContain("\tat ", "Exception");
    }

    @Test
    void runOnTablesThatLackColumnsIsOneMessageAndExitTwoWithoutAStackTrace() {
        // a DBA's database without the mapped tables yet: the list of what is missing, once, and exit 2
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            Path config = site("run-missing-columns").set("sisbridge.staging.mapping", "peoplesoft")
                    .set("sisbridge.staging.manage-schema", false).write();
            Cli.Result run = Cli.run("run", "--config", config.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("sisbridge.staging.manage-schema=false, but the staging database lacks what the agent"
                    + " needs", "CCTC_EVENT_STG").doesNotContain("\tat ", "Exception");
            assertThat(logs.list).as("no stack trace in the log either").allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
            // run's first log line says which configuration it read
            assertThat(logs.list.get(0).getFormattedMessage()).startsWith("Configuration: ").contains(config + " (--config)");
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void everyCommandSaysFirstWhichFilesAndWhichDatabaseItRead() {
        // reproduced: rejects list without --config beside an agent on PostgreSQL said only "no staging database at jdbc:h2:..."
        Cli.Result forgotten = Cli.run("rejects", "list");
        assertThat(forgotten.out().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .startsWith("Configuration: " + AgentFixture.HOME.resolve("config/application.properties").normalize()
                        + " only (no --config, and SISBRIDGE_CONFIG is not set); staging database jdbc:h2:file:"));

        TestDatabase db = TestDatabases.create(DatabaseKind.H2, "banner");
        Path config = new SiteConfig(simulator, db).write();
        for (String[] command : new String[][] {{"check"}, {"status"}, {"rejects", "list"}, {"rejects", "show", "1"}, {"migrate"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--config",
                    config.toString())).toArray(String[]::new);
            Cli.Result result = Cli.run(args);
            assertThat(result.out().lines().findFirst()).as(String.join(" ", command)).hasValue("Configuration: "
                    + AgentFixture.HOME.resolve("config/application.properties").normalize() + " overridden by " + config
                    + " (--config); staging database " + db.jdbcUrl() + " as user '" + db.user() + "'");
        }
        // status --json keeps its standard output one JSON document: the line goes to the error stream
        Cli.Result json = Cli.run("status", "--json", "--config", config.toString());
        assertThat(json.err()).startsWith("Configuration: ");
        assertThat(json.out()).doesNotContain("Configuration: ");
    }

    @Test
    void thePasswordInAUrlIsNotInTheFirstLine() {
        Path config = site("banner-password").set("sisbridge.staging.jdbc-url", "jdbc:postgresql://127.0.0.1:1/x?password=s3cret")
                .set("sisbridge.staging.database", "postgresql").write();
        Cli.Result result = Cli.run("rejects", "list", "--config", config.toString());
        assertThat(result.out().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .contains("jdbc:postgresql://127.0.0.1:1/x?password=****").doesNotContain("s3cret"));
    }

    @Test
    void theEnvironmentVariableNamesTheOverrideFileWhenConfigIsNotGiven() {
        Path given = Path.of("/etc/sisbridge/site.properties");
        assertThat(ConfigOption.overrideFile(null, Map.of("SISBRIDGE_CONFIG", given.toString()))).isEqualTo(given);
        assertThat(ConfigOption.overrideFile(Path.of("other.properties"), Map.of("SISBRIDGE_CONFIG", given.toString())))
                .isEqualTo(Path.of("other.properties"));
        assertThat(ConfigOption.overrideFile(null, Map.of())).isNull();
        assertThat(ConfigOption.origin(null, Map.of("SISBRIDGE_CONFIG", given.toString()))).isEqualTo("SISBRIDGE_CONFIG");
    }

    @Test
    void messagesNameTheLauncherThatWasRun() {
        System.setProperty(Launcher.PROPERTY, "bin/sisbridge");
        Cli.Result status = Cli.run("status", "--config", site("launcher").write().toString());

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).contains("when it first starts (bin/sisbridge run), or bin/sisbridge migrate creates it now")
                .doesNotContain("./sisbridge");
    }
}
