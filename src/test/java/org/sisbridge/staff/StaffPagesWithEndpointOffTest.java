package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestLog;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.WatchEndpoint;

/**
 * With the management endpoint off (sisbridge.watch.enabled=false) the staff pages, left on by default,
 * are off too: they live on that endpoint behind its login. The agent starts (a site that turned the
 * endpoint off keeps working after an upgrade), says so in one line, and no staff route starts or fails.
 */
class StaffPagesWithEndpointOffTest {

    @Test
    void theStaffRoutesStayStoppedAndTheAgentSaysWhy() throws Exception {
        try (AgentFixture fixture = new AgentFixture(SimulatorSettings.demo(), TestDatabases.create(DatabaseKind.H2, "staff-watch-off"))
                .property("sisbridge.watch.enabled", false)
                .property("sisbridge.watch.staff-pages-enabled", true)
                .property("sisbridge.roster.enabled", false)
                .property("sisbridge.reports.enabled", false)) {
            SisbridgeAgent agent = fixture.start();
            assertThat(WatchEndpoint.baseUrl(agent.camelContext())).isNull();
            for (String route : new String[] {"staff-changes", "staff-expiring", "staff-roster", "staff-conflicts"}) {
                assertThat(agent.camelContext().getRouteController().getRouteStatus(route).isStarted()).as(route).isFalse();
                assertThat(fixture.agentFailure(route)).as(route).isNull();
            }
            assertThat(agent.camelContext().getRouteController().getRouteStatus("idme-events-poll").isStarted()).isTrue();
            String log = TestLog.read();
            assertThat(log).contains("Staff pages off: they are served on the management endpoint, which is off"
                    + " (sisbridge.watch.enabled=false)");
        }
    }
}
