package org.sisbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;
import org.sisbridge.events.EventPage;
import org.sisbridge.events.EventPageParser;

/**
 * routes/idme-events.yaml (with the poll template, the upstream call and the error policy it uses):
 * one poll of MIS 111 per test, started by its real timer, the upstream answers scripted on
 * mock:upstream, each branch of the error policy.
 */
class IdmeEventsRouteTest extends YamlRouteTestSupport {

    private static final String LAST_PAGE = "{\"events\":[],\"nextCursor\":\"c2\",\"hasMore\":false}";
    private static final String FIRST_PAGE = "{\"events\":[],\"nextCursor\":\"c1\",\"hasMore\":true}";

    private final StubPages pages = new StubPages();

    @Override
    protected List<String> routeFiles() {
        return List.of("poll-mis-codes.yaml", "upstream-call.yaml", "upstream-errors.yaml", "idme-events.yaml");
    }

    @Override
    protected void bindFlowBeans(Registry registry) {
        registry.bind("eventPagesWriteBehind", pages);
        registry.bind("eventFeedCursor", new StubCursor());
        registry.bind("eventPageParser", new EventPageParser(new ObjectMapper(), 1000));
        registry.bind("eventCursorLoopCheck", new org.sisbridge.events.CursorLoopCheck());
    }

    @Test
    void aPollStagesEveryPageWithTheCursorItWasFetchedWith() throws Exception {
        answer(1, 200, FIRST_PAGE, null);
        answer(2, 200, LAST_PAGE, null);
        getMockEndpoint("mock:upstream").expectedMessageCount(2);

        poll();

        upstream.assertIsSatisfied();
        assertThat(upstream.getExchanges().get(0).getMessage().getHeader("CamelHttpQuery")).isEqualTo("after=c0");
        assertThat(upstream.getExchanges().get(1).getMessage().getHeader("CamelHttpQuery")).isEqualTo("after=c1");
        assertThat(pages.staged).containsExactly("111 from c0 to c1", "111 from c1 to c2");
        assertThat(activity.lastFailure("idme-events", "111")).isNull();
    }

    @Test
    void a401DropsTheTokenAndTriesOnceMoreWithANewOne() throws Exception {
        answer(1, 401, "", null);
        answer(2, 200, LAST_PAGE, null);
        getMockEndpoint("mock:upstream").expectedMessageCount(2);

        poll();

        upstream.assertIsSatisfied();
        assertThat(tokens.invalidated).hasValue(1);
        assertThat(upstream.getExchanges().get(1).getMessage().getHeader("Authorization")).isEqualTo("Bearer token-2");
        assertThat(pages.staged).containsExactly("111 from c0 to c2");
        assertThat(activity.lastFailure("idme-events", "111")).isNull();
    }

    @Test
    void aSecond401EndsThePollWithOneFailure() throws Exception {
        answer(1, 401, "", null);
        answer(2, 401, "", null);

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(2);
        assertThat(pages.staged).isEmpty();
        assertThat(activity.lastFailure("idme-events", "111")).contains("HTTP 401");
    }

    @Test
    void a429WaitsForItsRetryAfterThenTheSamePageIsFetchedAgain() throws Exception {
        answer(1, 429, "", "1");
        answer(2, 200, LAST_PAGE, null);
        getMockEndpoint("mock:upstream").expectedMessageCount(2);

        poll();

        upstream.assertIsSatisfied();
        assertThat(upstream.getExchanges().get(1).getMessage().getHeader("CamelHttpQuery")).isEqualTo("after=c0");
        assertThat(pages.staged).containsExactly("111 from c0 to c2");
        // the retry came after the upstream's Retry-After (1 s), not after the policy's 10 ms
        assertThat(millisBetweenFirstTwoCalls()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void a5xxIsRetriedWithBackoffUntilTheBudgetIsSpentThenThePollEndsWithOneFailure() throws Exception {
        answer(1, 503, "", null);
        answerEveryOtherCall(500);

        poll();

        // the first call and sisbridge.upstream.retry.max-redeliveries (3) more
        assertThat(upstream.getReceivedCounter()).isEqualTo(4);
        assertThat(pages.staged).isEmpty();
        assertThat(activity.lastFailure("idme-events", "111")).contains("HTTP 500");
    }

    @Test
    void a4xxStopsThePollAtOnceWithoutARetry() throws Exception {
        answer(1, 404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no such college\"}}", null);

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(1);
        assertThat(pages.staged).isEmpty();
        assertThat(activity.lastFailure("idme-events", "111")).contains("HTTP 404").contains("will not be retried");
    }

    @Test
    void aDatabaseFailureIsNotRetriedAsAnUpstreamOneAndEndsThePoll() throws Exception {
        answer(1, 200, FIRST_PAGE, null);
        pages.failWith = new SQLException("Connection is closed", "08003");

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(1);
        assertThat(pages.staged).isEmpty();
        assertThat(activity.lastFailure("idme-events", "111")).contains("08003");
    }

    private void poll() throws Exception {
        poll("idme-events-poll", "upstream-get");
    }

    /** The write-behind writer without a database: records what it was handed, or fails like a dropped connection. */
    public static final class StubPages {
        final List<String> staged = new CopyOnWriteArrayList<>();
        volatile SQLException failWith;

        public void startPoll() {
        }

        /** What the route hands over in place of the page (the real one: the checked page, without the JSON trees). */
        public Checked check(EventPage page, String fromCursor) {
            return new Checked(fromCursor, page.header());
        }

        public void submit(String misCode, Checked checked) throws SQLException {
            if (failWith != null) {
                throw failWith;
            }
            staged.add(misCode + " from " + checked.fromCursor() + " to " + checked.header().nextCursor());
        }

        public record Checked(String fromCursor, EventPage.Header header) {
        }

        public void awaitPending() {
        }
    }

    /** The checkpoint without a database: every poll starts at cursor c0. */
    public static final class StubCursor {
        public String load(String misCode) {
            return "c0";
        }

        public String query(String cursor) {
            return "after=" + cursor;
        }
    }
}
