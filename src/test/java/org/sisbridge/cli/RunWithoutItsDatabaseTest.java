package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.ClosedPort;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabases;

/**
 * {@code run} while the staging database is down: one line naming the database and what to check,
 * exit code 1 (a failure the service manager retries; a configuration error is 2, which it does not).
 */
class RunWithoutItsDatabaseTest {

    @Test
    void runNamesTheDatabaseItCannotReachAndExitsOne() throws Exception {
        int closedPort = ClosedPort.find();
        String url = ClosedPort.postgresUrl(closedPort);
        SimulatorSettings settings = new SimulatorSettings();
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0)) {
            String config = new SiteConfig(simulator, TestDatabases.create(DatabaseKind.H2, "unused"))
                    .set("sisbridge.staging.jdbc-url", url).set("sisbridge.staging.username", "postgres")
                    .set("sisbridge.staging.database", "postgresql").set("sisbridge.watch.enabled", false)
                    .write().toString();

            Cli.Result result = Cli.run("run", "--config", config);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).startsWith("Cannot reach the staging database " + url + " as user 'postgres': ")
                    .contains("Connection to 127.0.0.1:" + closedPort + " refused", "Check sisbridge.staging.jdbc-url")
                    .doesNotContain("\tat ");
        }
    }
}
