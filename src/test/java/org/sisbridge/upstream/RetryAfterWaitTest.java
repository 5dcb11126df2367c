package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;
import org.slf4j.LoggerFactory;

/**
 * An upstream answering 503 with a long Retry-After: before, the agent said nothing until the wait
 * was over (up to 300 s a retry), and a SIGTERM during the wait was held for the whole shutdown
 * timeout (30 s), then forced, with an InterruptedException's stack trace. Now the wait's start is one
 * line naming when the next try comes, and a stop ends the wait at once: the poll ends "by shutdown".
 */
class RetryAfterWaitTest {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(UpstreamResponseClassifier.class),
            (Logger) LoggerFactory.getLogger("org.sisbridge.upstream.PollFailureRecorder"),
            (Logger) LoggerFactory.getLogger("org.apache.camel.impl.engine.DefaultShutdownStrategy"),
            (Logger) LoggerFactory.getLogger("org.apache.camel.component.scheduler.SchedulerConsumer"));

    @BeforeEach
    void capture() {
        lines.start();
        loggers.forEach(l -> l.addAppender(lines));
    }

    @AfterEach
    void release() {
        loggers.forEach(l -> l.detachAppender(lines));
    }

    @Test
    void aLongRetryAfterIsSaidWhenItStartsAndAStopDoesNotWaitItOut() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 10;
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabase.h2File("retry-after-stop"))
                .property("sisbridge.events.initial-delay-ms", 100)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.roster.enabled", false)) {
            fixture.simulator.faults().failNextWithRetryAfter(503, 200, 5);
            fixture.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> text().contains("waiting 200 s as its Retry-After asks"));
            assertThat(fixture.simulator.counters().eventRequests()).isEqualTo(1);

            long stopping = System.nanoTime();
            fixture.stopAgent();
            long stopMillis = (System.nanoTime() - stopping) / 1_000_000;

            // said by whichever ends the wait first: the scheduler's handler (PollStoppedHandler) or the poll's
            // own failure recorder, which says the same of the call that was refused ("ended by shutdown ... Nothing was lost")
            assertThat(lines.list.stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.contains("ended by shutdown")))
                    .isNotEmpty().allSatisfy(l -> assertThat(l).containsAnyOf(
                            "idme-events-poll ended by shutdown: a retry of an upstream call was not waited for",
                            "idme-events poll for MIS 111 ended by shutdown"));
            assertThat(text()).doesNotContain("Timeout occurred during graceful shutdown").doesNotContain("Error processing exchange");
            // not the 30 s shutdown timeout, nor the 200 s wait: Camel looks at the stop each second of its sleep
            assertThat(stopMillis).isLessThan(15_000);
            assertThat(fixture.simulator.counters().eventRequests()).as("not tried again").isEqualTo(1);
        }
    }

    private String text() {
        return String.join("\n", lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
}
