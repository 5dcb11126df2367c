package org.sisbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;
import org.slf4j.LoggerFactory;

/** Issue 12, section 3: the agent logs one start-up line saying what it is and what it works on. */
class StartupLineTest {

    @Test
    void oneLineNamesVersionMisCodesDatabaseMappingFlowsAndStatusPage() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger agentLog = (Logger) LoggerFactory.getLogger(SisbridgeAgent.class);
        logs.start();
        agentLog.addAppender(logs);
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 10;
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabases.create(DatabaseKind.H2, "startup-line"))
                .property("sisbridge.reports.drop-enabled", false).property("sisbridge.staging.mapping", "generic")
                .property("sisbridge.reconcile.enabled", true).property("sisbridge.reconcile.initial-delay-ms", 600_000)
                .property("sisbridge.reconcile.sql", "SELECT 'L1' AS local_id, 'AAA1111' AS ccc_id")) {
            fixture.start();
            String status = org.sisbridge.watch.WatchEndpoint.baseUrl(fixture.camelContext()) + "/status";
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).filteredOn(m -> m.startsWith("started sisbridge"))
                    .singleElement().satisfies(line -> assertThat(line)
                            .contains("; MIS codes " + String.join(", ", settings.misCodes) + ";")
                            .contains("; database h2 file " + AgentFixture.HOME.resolve("target"))
                            .contains("; mapping generic (" + AgentFixture.HOME.resolve("config/mappings/generic.yaml").normalize() + ")")
                            .contains("; flows events, reports, roster (outbox and drop folder), reconcile (match only);")
                            .endsWith("; status page " + status));
        } finally {
            agentLog.detachAppender(logs);
        }
    }
}
