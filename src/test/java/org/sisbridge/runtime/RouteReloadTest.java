package org.sisbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.scheduler.SchedulerEndpoint;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/**
 * Issue 14, section 5: with camel.main.routes-reload-enabled=true the agent watches its own
 * {@code <home>/routes} (before, Camel watched its default source folder, so an edited route file
 * changed nothing until a restart). The test runs the agent from a copy of config/ and routes/,
 * edits the roster results timer's schedule in that copy's routes/roster-drop.yaml, and sees it take
 * effect while the other routes run on.
 */
class RouteReloadTest {

    private static final String FILE_DELAY = "initialDelay: \"{{sisbridge.roster.initial-delay-ms}}\"";
    private static final String ROUTE = "roster-drop-results";

    @Test
    void aScheduleChangedInARouteFileOfARunningAgentTakesEffect() throws Exception {
        Path home = copyOfTheInstall();
        // the launcher passes the install directory as -Dsisbridge.home (the build passes the checkout):
        // this agent's install is the copy, as it would be on a server
        String checkout = System.setProperty("sisbridge.home", home.toString());
        try {
            runAgentAndEditItsRoutes(home);
        } finally {
            System.setProperty("sisbridge.home", checkout);
        }
    }

    private static void runAgentAndEditItsRoutes(Path home) throws Exception {
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), TestDatabase.h2File("route-reload"))
                .home(home)
                .property("camel.main.routes-reload-enabled", true)
                // as configured, the roster results timer first runs in an hour
                .property("sisbridge.roster.initial-delay-ms", 3_600_000)
                .property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.enabled", false)) {
            fixture.start();
            CamelContext context = fixture.camelContext();
            assertThat(timer(context).getInitialDelay()).isEqualTo(3_600_000L);
            NotifyBuilder ran = new NotifyBuilder(context).fromRoute(ROUTE).whenDone(1).create();
            assertThat(ran.matches()).isFalse();

            long period = timer(context).getDelay();
            // a key changed in the configuration file is not read again: the reloaded route resolves its
            // placeholders against the values the agent started with
            Path config = home.resolve("config/application.properties");
            Files.writeString(config, Files.readString(config).replaceAll(
                    "(?m)^sisbridge\\.roster\\.inbox-poll-interval-ms = .*$", "sisbridge.roster.inbox-poll-interval-ms = " + (period + 1234)));

            // the operator edits the schedule in the route file of the running agent
            Path routeFile = home.resolve("routes/roster-drop.yaml");
            String routes = Files.readString(routeFile);
            assertThat(routes).contains(FILE_DELAY);
            Files.writeString(routeFile, routes.replace(FILE_DELAY, "initialDelay: \"0\""));

            // the reloaded route has the new schedule and runs at once, without a restart
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> delayOrMinusOne(context) == 0L);
            assertThat(ran.matches(30, TimeUnit.SECONDS)).as("the results timer ran after the reload").isTrue();
            assertThat(timer(context).getDelay()).isEqualTo(period);
            // the other routes were not touched
            assertThat(context.getRouteController().getRouteStatus("roster-push-poll").isStarted()).isTrue();
            assertThat(context.getRouteController().getRouteStatus("watch-status-page").isStarted()).isTrue();
        }
    }

    private static SchedulerEndpoint timer(CamelContext context) {
        return (SchedulerEndpoint) context.getRoute(ROUTE).getEndpoint();
    }

    private static long delayOrMinusOne(CamelContext context) {
        Route route = context.getRoute(ROUTE);
        return route == null ? -1 : ((SchedulerEndpoint) route.getEndpoint()).getInitialDelay();
    }

    /** config/ and routes/ of this checkout, copied to a folder of the test's own under target/. */
    private static Path copyOfTheInstall() throws IOException {
        Path home = AgentFixture.HOME.resolve("target/test-home/" + UUID.randomUUID());
        for (String dir : new String[] {"config", "routes"}) {
            Path from = AgentFixture.HOME.resolve(dir);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = home.resolve(dir).resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        }
        return home;
    }
}
