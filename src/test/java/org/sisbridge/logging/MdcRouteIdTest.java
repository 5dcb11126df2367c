package org.sisbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.upstream.UpstreamTokenProvider;
import org.slf4j.LoggerFactory;

/** With camel.main.use-mdc-logging (config/application.properties), a line logged inside a route carries its route id. */
class MdcRouteIdTest {

    @Test
    void aLineLoggedInsideARouteNamesTheRoute() throws Exception {
        Logger tokens = (Logger) LoggerFactory.getLogger(UpstreamTokenProvider.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        tokens.addAppender(appender);
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 10;
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabases.create(DatabaseKind.H2, "mdc"))
                .property("sisbridge.reports.enabled", false).property("sisbridge.roster.enabled", false)) {
            fixture.start();
            // the token is fetched by the first upstream call, inside the events route
            await().atMost(Duration.ofSeconds(30)).until(() -> !appender.list.isEmpty());
            ILoggingEvent obtained = appender.list.get(0);
            assertThat(obtained.getMDCPropertyMap()).containsKey(JsonLogLayout.ROUTE_ID);
            ch.qos.logback.core.Layout<ILoggingEvent> json = JsonLogLayout.create();
            json.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
            json.start();
            assertThat(json.doLayout(obtained)).contains("\"camel.routeId\":\""
                    + obtained.getMDCPropertyMap().get(JsonLogLayout.ROUTE_ID) + "\"");
        } finally {
            tokens.detachAppender(appender);
        }
    }
}
