package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.ClosedPort;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabases;

/**
 * {@code run} when something it needs is not there: one line naming it and what to do, exit code 1
 * (a failure the service manager retries; a configuration error is 2, which it does not).
 */
class RunNotStartedTest {

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

    @Test
    void runRefusesAManagementPortAnotherProgramHolds() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 10;
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0);
             ServerSocket otherAgent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String config = new SiteConfig(simulator, TestDatabases.create(DatabaseKind.H2, "port-taken"))
                    .set("sisbridge.watch.host", "127.0.0.1").set("sisbridge.watch.port", otherAgent.getLocalPort())
                    .write().toString();

            Cli.Result result = Cli.run("run", "--config", config);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).startsWith("The management endpoint cannot listen on 127.0.0.1:" + otherAgent.getLocalPort())
                    .contains("Another sisbridge, or another program, holds that port", "sisbridge.watch.port")
                    .doesNotContain("\tat ");
        }
    }
}
