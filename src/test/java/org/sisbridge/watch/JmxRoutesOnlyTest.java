package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The agent as shipped registers Camel's JMX beans for its context and routes, not one per step
 * (config/application.properties, camel.main.jmx-management-m-beans-level): a misspelt key would be
 * ignored by camel-main without a word, and every start would build the step beans again.
 */
class JmxRoutesOnlyTest {

    @Test
    void theRoutesAreRegisteredAndTheirStepsAreNot() throws Exception {
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), TestDatabases.create(DatabaseKind.H2, "jmx-level"))
                .property("sisbridge.events.enabled", false).property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.drop-enabled", false).property("sisbridge.roster.enabled", false)) {
            fixture.start();
            CamelContext camel = fixture.camelContext();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String context = camel.getManagementName();

            assertThat(server.queryNames(new ObjectName("org.apache.camel:context=" + context + ",type=routes,*"), null))
                    .as("a bean per route").hasSizeGreaterThanOrEqualTo(camel.getRoutes().size());
            assertThat(server.queryNames(new ObjectName("org.apache.camel:context=" + context + ",type=processors,*"), null))
                    .as("no bean per step").isEmpty();
        }
    }
}
