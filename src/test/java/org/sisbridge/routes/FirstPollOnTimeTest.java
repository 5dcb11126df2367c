package org.sisbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.PlainCamelContexts;

/**
 * A flow's first poll comes after its first delay, every time its route starts. The agent runs Camel's
 * supervising route controller, which starts the routes once the context has started. Camel's timer,
 * which the poll schedule used before, arms its task inside its consumer's start and skips, without a
 * word, a tick that comes before that start has returned: with a first delay of 0 (tests, commands) or
 * a pause of the starting thread on a busy machine, the first poll waited a whole period (15 min for
 * reports, a day for reconciliation); the install IT saw no report in 90 s once in four CI runs. The
 * race sits between two statements of Camel's, so no test can force it; this one starts the real
 * schedule (routes/poll-mis-codes.yaml) many times with a first delay of 0 and needs every first poll.
 */
class FirstPollOnTimeTest {

    private static final Path TEMPLATE = Path.of("routes/poll-mis-codes.yaml");
    private static final int STARTS = 25;

    @Test
    void everyStartOfAFlowPollsAfterItsFirstDelayAndNotAPeriodLater() throws Exception {
        try (CamelContext context = PlainCamelContexts.asTheAgentRunsIt(new DefaultCamelContext())) {
            context.getRouteController().supervising(); // as camel.routecontroller.enabled=true in the agent
            Properties p = new Properties();
            p.put("sisbridge.mis-codes", "111,222");
            context.getPropertiesComponent().setInitialProperties(p);
            context.getRegistry().bind("pollStoppedHandler", new org.sisbridge.upstream.PollStoppedHandler(context));
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:" + TEMPLATE));
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("first-poll.yaml", """
                    - templatedRoute:
                        routeTemplateRef: poll-mis-codes
                        routeId: first-poll
                        parameters:
                          - { name: timer, value: first-poll }
                          - { name: enabled, value: "true" }
                          - { name: period, value: "3600000" }
                          - { name: delay, value: "0" }
                          - { name: flow, value: "mock:polled" }
                    """));
            MockEndpoint polled = context.getEndpoint("mock:polled", MockEndpoint.class);

            for (int start = 1; start <= STARTS; start++) {
                NotifyBuilder firstPoll = new NotifyBuilder(context).fromRoute("first-poll").whenDone(1).create();
                if (start == 1) {
                    context.start();
                } else {
                    context.getRouteController().startRoute("first-poll");
                }
                // the next poll would come in an hour: only the first can be seen here
                assertThat(firstPoll.matches(10, TimeUnit.SECONDS)).as("the first poll of start %d", start).isTrue();
                // the notifier counts the split's first part as done too: the poll's second MIS code is waited
                // for before the route stops, or stopping could cut it off (48 of 50 once, CI on a busy 2-core machine)
                int polls = 2 * start;
                await().atMost(Duration.ofSeconds(10)).until(() -> polled.getReceivedCounter() >= polls);
                context.getRouteController().stopRoute("first-poll");
            }
            // one poll per start, each for every MIS code
            assertThat(polled.getReceivedExchanges()).hasSize(2 * STARTS)
                    .extracting(e -> e.getProperty("misCode", String.class)).containsOnly("111", "222");
        }
    }
}
