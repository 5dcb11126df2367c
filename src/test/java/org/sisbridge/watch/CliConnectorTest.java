package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * camel-cli-connector (issue 14, section 3): Camel JBang finds a running agent through the status file
 * the connector keeps in ~/.camel/&lt;pid&gt;-status.json. JBang itself is not installed here, so the test
 * reads that file as JBang would.
 */
class CliConnectorTest {

    @Test
    void theConnectorPublishesTheAgentsStatusForCamelJBang() throws Exception {
        Path status = Path.of(System.getProperty("user.home"), ".camel", ProcessHandle.current().pid() + "-status.json");
        try (AgentFixture fixture = new AgentFixture(WatchEndpointTest.badInput(), TestDatabases.create(DatabaseKind.H2, "cli"))
                .property("sisbridge.reports.enabled", false).property("sisbridge.roster.enabled", false)
                .property("sisbridge.watch.cli-connector-enabled", true)) { // off by default (issue 17: its poll's cost)
            fixture.start();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(status) && Files.readString(status).contains("idme-events-poll"));
            assertThat(Files.readString(status)).contains("\"name\":\"sisbridge\"").contains("idme-events-poll");
            // the connector registers consoles from its own thread: into the registry that takes it (a red CI)
            assertThat(fixture.camelContext().getCamelContextExtension().getContextPlugin(org.apache.camel.console.DevConsoleRegistry.class))
                    .isInstanceOf(ThreadSafeDevConsoleRegistry.class);
            assertThat(fixture.camelContext().getCamelContextExtension().getContextPlugin(org.apache.camel.console.DevConsoleRegistry.class)
                    .getConsoleIDs()).contains("context", "route");
        }
    }

    @Test
    void sisbridgeWatchCliConnectorEnabledFalseTurnsItOff() throws Exception {
        Path status = Path.of(System.getProperty("user.home"), ".camel", ProcessHandle.current().pid() + "-status.json");
        try (AgentFixture fixture = new AgentFixture(WatchEndpointTest.badInput(), TestDatabases.create(DatabaseKind.H2, "cli-off"))
                .property("sisbridge.reports.enabled", false).property("sisbridge.roster.enabled", false)
                .property("sisbridge.watch.cli-connector-enabled", false)) {
            // the status file is named by the JVM's pid: an agent an earlier test ran in this JVM may have left it,
            // and a Camel context another test class left running in this fork keeps rewriting it (a red CI)
            java.time.Instant before = java.time.Instant.now();
            boolean anotherContextWrites = Files.exists(status)
                    && Files.getLastModifiedTime(status).toInstant().isAfter(before.minusSeconds(3));
            java.nio.file.attribute.FileTime started = java.nio.file.attribute.FileTime.from(before.minusSeconds(1));
            fixture.start();
            fixture.awaitEventsCaughtUp();
            assertThat(fixture.camelContext().hasService(org.apache.camel.spi.CliConnector.class)).isNull();
            if (!anotherContextWrites) {
                // the connector rewrites its file every second while it runs: this agent wrote none
                assertThat(!Files.exists(status) || Files.getLastModifiedTime(status).compareTo(started) < 0)
                        .as("%s not written by this agent: %s", status, Files.exists(status) ? Files.readString(status) : "")
                        .isTrue();
            }
        }
    }
}
