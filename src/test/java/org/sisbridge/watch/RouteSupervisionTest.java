package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.spi.SupervisingRouteController;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * One consumer that cannot start (issue 14, section 3: an unmounted inbox) no longer stops the agent:
 * the supervising route controller starts the other flows and retries that route with backoff, and
 * the status page says why it is not running. Reproduced before: the agent did not start at all.
 */
class RouteSupervisionTest {

    @Test
    void anInboxThatCannotBeCreatedLeavesTheOtherFlowsRunningAndShowsOnTheStatusPage() throws Exception {
        // a regular file where the inbox's parent folder should be: as unusable as an unmounted share
        Path notAFolder = AgentFixture.HOME.resolve("target/test-unmounted/" + UUID.randomUUID() + "/share");
        Files.createDirectories(notAFolder.getParent());
        Files.writeString(notAFolder, "not a folder");
        try (AgentFixture fixture = new AgentFixture(WatchEndpointTest.badInput(), TestDatabases.create(DatabaseKind.H2, "supervise"))
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.drop-enabled", true)
                .property("sisbridge.reports.inbox", notAFolder.resolve("reports").toString())
                .property("camel.routecontroller.back-off-delay", 100)
                .property("camel.routecontroller.back-off-max-delay", 200)) {
            WatchClient watch = WatchClient.of(fixture.start());

            fixture.awaitEventsCaughtUp();
            SupervisingRouteController controller = fixture.camelContext().getRouteController().supervising();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> fixture.agentFailure("idme-status-report-drop") != null);
            assertThat(fixture.agentFailure("idme-status-report-drop"))
                    .startsWith("route idme-status-report-drop could not start (attempt ")
                    .contains("the other flows run").doesNotContain("\n");
            assertThat(controller.getRestartingRoutes()).extracting(r -> r.getRouteId()).contains("idme-status-report-drop");
            assertThat(fixture.camelContext().getRouteController().getRouteStatus("idme-events-poll").isStarted()).isTrue();

            String page = watch.get("/status.json").body();
            assertThat(page).contains("idme-status-report-drop").contains("could not start");
        }
    }
}
