package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.ClosedPort;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabases;
import org.slf4j.LoggerFactory;

/**
 * Issue 11, section 6: configuration errors are refused with exit 2 and one message (never a stack
 * trace a service manager would restart in a loop), a password written inside the JDBC URL is never
 * shown, and run warns about what check warns about.
 */
class ConfigurationSafetyTest {

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

    private SiteConfig site() {
        return new SiteConfig(simulator, TestDatabases.create(DatabaseKind.H2, "config-safety")).set("sisbridge.watch.port", 0);
    }

    @Test
    void aManagementHostOtherMachinesReachWithoutATokenIsAConfigurationError() {
        Cli.Result result = Cli.run("run", "--config", site().set("sisbridge.watch.host", "0.0.0.0").write().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("sisbridge.watch.host is 0.0.0.0, which other machines can reach, but no management"
                + " token is set").doesNotContain("\tat ", "Exception");
    }

    @Test
    void anUnreadableTokenFileIsAConfigurationError() {
        Cli.Result result = Cli.run("run", "--config", site().set("sisbridge.watch.host", "127.0.0.1")
                .set("sisbridge.watch.token-file", "/nonexistent/sisbridge-token").write().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("cannot read secret file /nonexistent/sisbridge-token").doesNotContain("\tat ");
    }

    @Test
    void aMappingFileThatDoesNotLoadIsAConfigurationError() throws Exception {
        SiteConfig site = site();
        java.nio.file.Path mapping = site.dir.resolve("broken-mapping.yaml");
        java.nio.file.Files.writeString(mapping, "- not\n- a mapping\n");
        Cli.Result result = Cli.run("run", "--config", site.set("sisbridge.staging.mapping", mapping).write().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("sisbridge.staging.mapping: " + mapping + " is not a YAML mapping")
                .doesNotContain("\tat ");
    }

    @Test
    void aTrustStoreThatIsNotThereIsAConfigurationError() {
        Cli.Result result = Cli.run("run", "--config", site().set("sisbridge.upstream.trust-store", "/nonexistent/trust.p12")
                .write().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("sisbridge.upstream.trust-store names /nonexistent/trust.p12, which is not a readable file")
                .doesNotContain("\tat ");
    }

    @Test
    void aPlainHttpUpstreamOnAnotherMachineIsRefused() {
        String config = site().set("sisbridge.upstream.base-url", "http://upstream.example.edu").write().toString();
        // bounded: without the rule the agent would start and run until stopped
        Cli.Result result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("run", "--config", config));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("sisbridge.upstream.base-url is http:// to upstream.example.edu, which is not this"
                + " machine", "sisbridge.upstream.allow-plain-http=true").doesNotContain("\tat ");
    }

    @Test
    void aPasswordInsideTheJdbcUrlIsNeverPrintedByRunNorCheck() {
        String url = ClosedPort.postgresUrl(ClosedPort.find()) + "?user=postgres&password=s3cret-in-url";
        SiteConfig site = site().set("sisbridge.staging.jdbc-url", url).set("sisbridge.staging.database", "postgresql")
                .set("sisbridge.watch.enabled", false);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger runLog = (Logger) LoggerFactory.getLogger(RunCommand.class);
        logs.start();
        runLog.addAppender(logs);
        try {
            Cli.Result run = Cli.run("run", "--config", site.write().toString());
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("password=****").doesNotContain("s3cret-in-url");
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("sisbridge.staging.jdbc-url holds a password",
                            "sisbridge.staging.password-env"))
                    .noneSatisfy(m -> assertThat(m).contains("s3cret-in-url"));
        } finally {
            runLog.detachAppender(logs);
        }

        Cli.Result check = Cli.run("check", "--config", site.write().toString());
        assertThat(check.out() + check.err()).contains("password=****", "WARN  sisbridge.staging.jdbc-url holds a password")
                .doesNotContain("s3cret-in-url");
    }

    @Test
    void runWarnsAboutASecretFileOthersMayReadAsCheckDoes() {
        SiteConfig site = site().set("sisbridge.staging.jdbc-url", ClosedPort.postgresUrl(ClosedPort.find()))
                .set("sisbridge.staging.database", "postgresql").set("sisbridge.watch.enabled", false);
        site.set("sisbridge.upstream.client-secret-file", site.secretFile("open-secret", "x", "rw-r--r--").toString());
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger runLog = (Logger) LoggerFactory.getLogger(RunCommand.class);
        logs.start();
        runLog.addAppender(logs);
        try {
            Cli.Result run = Cli.run("run", "--config", site.write().toString());
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1); // the database is not there: it stops after the warning
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(m -> assertThat(m)
                    .contains("secret file readable by every user of this machine", "open-secret", "chmod 600"));
        } finally {
            runLog.detachAppender(logs);
        }
    }
}
