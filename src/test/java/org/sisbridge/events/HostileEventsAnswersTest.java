package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.reports.ReportsFlowStatistics;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.HostileSettings;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.EndlessHeadersServer;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.upstream.PollFailureRecorder;
import org.sisbridge.watch.WatchEndpoint;
import org.slf4j.LoggerFactory;

/**
 * The events flow against an upstream that answers with more than it was asked for, or too slowly
 * to ever finish (issue 11, sections 2 and 3): the poll ends with one clear line, the cursor stays,
 * nothing is staged, and the agent keeps answering and working.
 */
class HostileEventsAnswersTest {

    private final ListAppender<ILoggingEvent> failures = new ListAppender<>();
    private final Logger recorder = (Logger) LoggerFactory.getLogger(PollFailureRecorder.class);

    @BeforeEach
    void captureFailureLines() {
        failures.start();
        recorder.addAppender(failures);
    }

    @AfterEach
    void releaseFailureLines() {
        recorder.detachAppender(failures);
    }

    private static SimulatorSettings feed(Consumer<HostileSettings> hostile) {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 120;
        hostile.accept(s.hostile);
        return s;
    }

    /** One poll (the next is a minute away), small deadlines, one retry. */
    private static AgentFixture agent(SimulatorSettings settings, String name) {
        return new AgentFixture(settings, TestDatabase.h2File(name))
                .property("sisbridge.events.page-size", 50)
                .property("sisbridge.events.poll-interval-ms", 60_000)
                .property("sisbridge.upstream.retry.max-redeliveries", 1)
                .property("sisbridge.upstream.call-timeout-ms", 2000)
                .property("sisbridge.upstream.max-response-bytes", 2 * 1024 * 1024)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.roster.enabled", false);
    }

    @Test
    void aPageWithMoreEventsThanAskedIsRefusedWithOneLineAndTheCursorStays() throws Exception {
        try (AgentFixture fixture = agent(feed(h -> h.oversizedPageExtraEvents = 10), "hostile-count")) {
            fixture.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lastEventsFailure() != null);

            assertThat(fixture.lastEventsFailure()).contains("more than the 50 events asked for", "sisbridge.events.page-size");
            // refused, not retried: the same request would get the same page
            assertThat(fixture.simulator.counters().eventRequests()).isEqualTo(1);
            assertNothingStagedAndOneLine(fixture);
        }
    }

    @Test
    void aPageLargerThanTheByteCapIsCutOffThereWithOneLineAndTheAgentStaysResponsive() throws Exception {
        // 40 MB of padding inside the first event (a client that keeps the event holds it), against a 2 MB cap
        try (AgentFixture fixture = agent(feed(h -> h.oversizedPageBytes = 40L * 1024 * 1024), "hostile-bytes")) {
            SisbridgeAgent agent = fixture.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lastEventsFailure() != null);

            assertThat(fixture.lastEventsFailure()).contains("GET events for MIS 111", "larger than 2097152 bytes",
                    "sisbridge.upstream.max-response-bytes");
            assertThat(fixture.simulator.counters().eventRequests()).isEqualTo(1);
            assertNothingStagedAndOneLine(fixture);
            assertThat(readiness(agent).statusCode()).as("readiness answers").isIn(200, 503);
        }
    }

    @Test
    void aTricklingPageEndsAtTheCallDeadlineWhileTheOtherFlowsGoOn() throws Exception {
        SimulatorSettings settings = feed(h -> h.trickleEventsMillis = 100);
        settings.eventsPerMisCode = 4000; // two days of history: reports to load meanwhile
        try (AgentFixture fixture = agent(settings, "hostile-trickle-page")
                .property("sisbridge.reports.enabled", true)
                .property("sisbridge.reports.start-date", "2024-01-01")
                .property("sisbridge.reports.initial-delay-ms", 0)
                // the reports flow shares the 2 s call deadline: on a loaded machine its first call (token and
                // listing, cold) can miss it, so it polls again each second instead of a minute later
                .property("sisbridge.reports.poll-interval-ms", 1000)) {
            long started = System.nanoTime();
            SisbridgeAgent agent = fixture.start();
            // while the events page trickles, the reports flow loads its reports and readiness answers
            ReportsFlowStatistics reports = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            FlowActivity activity = agent.bean("flowActivity", FlowActivity.class);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> reports.snapshot().loaded() > 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no report loaded in 30 s; the reports flow's last failure: "
                        + activity.lastFailure("idme-status-report", "111"), e);
            }
            assertThat(readiness(agent).statusCode()).isIn(200, 503);

            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lastEventsFailure() != null);
            // one try and one retry, each cut at 2 s (plus the 20 ms backoff), not the 25 min the trickle would take
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
            assertThat(fixture.lastEventsFailure()).contains("GET events for MIS 111", "was not complete within 2000 ms");
            assertThat(fixture.simulator.counters().eventRequests()).isEqualTo(2);
            assertNothingStagedAndOneLine(fixture);
        }
    }

    /**
     * Headers that never end, a byte each 100 ms: the per-read timeout (1 s here) never trips, so before
     * the call's deadline covered the headers too, the poll waited as long as the server went on.
     */
    @Test
    void answerHeadersThatTrickleEndAtTheCallDeadline() throws Exception {
        try (EndlessHeadersServer trickle = EndlessHeadersServer.trickling(100);
             AgentFixture fixture = agent(feed(h -> { }), "hostile-trickle-headers")) {
            fixture.property("sisbridge.upstream.token-url", fixture.simulator.baseUrl() + "/oauth2/token")
                    .property("sisbridge.upstream.base-url", trickle.baseUrl())
                    .property("sisbridge.upstream.response-timeout-ms", 1000);
            long started = System.nanoTime();
            fixture.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.lastEventsFailure() != null);

            // one try and one retry, each cut at 2 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(fixture.lastEventsFailure()).contains("GET events for MIS 111: the answer's header block was not complete within 2000 ms");
            assertThat(trickle.requests()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> trickle.closedByClient() == 2);
            assertNothingStagedAndOneLine(fixture);
        }
    }

    /**
     * Headers without end, as fast as the socket takes them: Apache HttpClient's defaults bound neither a
     * header line nor their number, and a 64 MB heap was full in under a second. Now the answer is refused
     * at the bound, with one line naming the keys, and the agent goes on.
     */
    @Test
    void answerHeadersWithoutEndAreRefusedAtTheirBoundWithOneLine() throws Exception {
        try (EndlessHeadersServer flood = EndlessHeadersServer.flooding();
             AgentFixture fixture = agent(feed(h -> { }), "hostile-huge-headers")) {
            fixture.property("sisbridge.upstream.token-url", fixture.simulator.baseUrl() + "/oauth2/token")
                    .property("sisbridge.upstream.base-url", flood.baseUrl())
                    .property("sisbridge.upstream.max-header-line-chars", 4096);
            SisbridgeAgent agent = fixture.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.lastEventsFailure() != null);

            assertThat(fixture.lastEventsFailure()).contains("the answer's header block is larger than allowed",
                    "sisbridge.upstream.max-header-line-chars");
            // cut at the bound, not at the 2 s deadline
            assertThat(fixture.lastEventsFailure()).doesNotContain("was not complete within");
            await().atMost(Duration.ofSeconds(5)).until(() -> flood.closedByClient() == flood.requests());
            assertNothingStagedAndOneLine(fixture);
            assertThat(readiness(agent).statusCode()).as("readiness answers").isIn(200, 503);
        }
    }

    @Test
    void aTricklingTokenEndpointCostsEachFlowOneFailedCallAndNoFlowWaitsBehindIt() throws Exception {
        try (AgentFixture fixture = agent(feed(h -> h.trickleTokenMillis = 200), "hostile-trickle-token")
                .property("sisbridge.reports.enabled", true)
                .property("sisbridge.reports.initial-delay-ms", 0)
                .property("sisbridge.reports.poll-interval-ms", 60_000)) {
            long started = System.nanoTime();
            SisbridgeAgent agent = fixture.start();
            FlowActivity activity = agent.bean("flowActivity", FlowActivity.class);
            // both flows need the token: the one fetching it and the one waiting for it each give up at their deadline
            // the route controller starts the flows in the background: on a loaded machine the reports poll may begin
            // seconds after the events poll, so the bound is generous; either way far from the trickle's minutes
            await().atMost(Duration.ofSeconds(45)).until(() -> fixture.lastEventsFailure() != null
                    && activity.lastFailure("idme-status-report", "111") != null);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
            assertThat(fixture.lastEventsFailure() + " / " + activity.lastFailure("idme-status-report", "111"))
                    .contains("was not complete within 2000 ms");
            assertThat(readiness(agent).statusCode()).isIn(200, 503);
            assertThat(fixture.simulator.counters().eventRequests()).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_checkpoint")).isZero();
        }
    }

    private void assertNothingStagedAndOneLine(AgentFixture fixture) throws Exception {
        assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_checkpoint")).as("cursor").isZero();
        assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isZero();
        assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject")).isZero();
        List<ILoggingEvent> lines = failures.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                .filter(e -> e.getFormattedMessage().startsWith("idme-events")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).getThrowableProxy()).as("no stack trace").isNull();
    }

    /** The readiness URL, which must answer within a few seconds whatever the flows are doing. */
    private static HttpResponse<String> readiness(SisbridgeAgent agent) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create(WatchEndpoint.baseUrl(agent.camelContext())
                + "/observe/health/ready")).timeout(Duration.ofSeconds(8)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
