package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;
import org.slf4j.LoggerFactory;

/**
 * "Gauge has been already registered (camel.exchanges.last.timestamp)" (issue 14, section 7): Camel
 * registers that gauge when an exchange completes, and two flows completing together registered it
 * twice. The agent registers it first, over Camel's own value.
 */
class CamelLastExchangeGaugeTest {

    @Test
    void theGaugeExistsBeforeTheFirstExchangeSoCamelNeverRegistersItAgain() {
        MeterRegistry registry = new SimpleMeterRegistry();
        assertThat(CamelLastExchangeGauge.registerBeforeCamel(registry)).as("Camel's holder found").isTrue();
        assertThat(registry.find("camel.exchanges.last.timestamp").gauge()).isNotNull();
        // a second call (a second agent on the same registry) finds it as Camel would, and adds none
        assertThat(CamelLastExchangeGauge.registerBeforeCamel(registry)).isTrue();
        assertThat(registry.find("camel.exchanges.last.timestamp").gauges()).hasSize(1);
    }

    @Test
    void concurrentFlowsLogNoDoubleRegistrationAndTheGaugeShowsCamelsValue() throws Exception {
        Logger micrometer = (Logger) LoggerFactory.getLogger("io.micrometer");
        Level before = micrometer.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        micrometer.addAppender(appender);
        // Micrometer warns once per JVM, then logs at DEBUG: both are caught
        micrometer.setLevel(Level.DEBUG);
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 20;
        long started = System.currentTimeMillis();
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabases.create(DatabaseKind.H2, "gauge"))
                .property("sisbridge.reports.enabled", false).property("sisbridge.roster.enabled", false)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();

            MeterRegistry meters = fixture.camelContext().getRegistry()
                    .lookupByNameAndType(WatchBeans.METRICS_REGISTRY, MeterRegistry.class);
            Gauge gauge = meters.find("camel.exchanges.last.timestamp").gauge();
            assertThat(gauge).isNotNull();
            // Camel sets its value when an exchange is done, just after the page it carried was committed
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat((long) gauge.value())
                    .as("Camel's own last-exchange time").isGreaterThanOrEqualTo(started));
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("already registered"));
        } finally {
            micrometer.detachAppender(appender);
            micrometer.setLevel(before);
        }
    }
}
