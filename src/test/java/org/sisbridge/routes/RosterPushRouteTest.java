package org.sisbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;
import org.sisbridge.roster.BulkAccountJson;
import org.sisbridge.roster.BulkJobPolling;
import org.sisbridge.roster.BulkJobStatus;
import org.sisbridge.roster.OpenBatch;

/**
 * routes/roster-push.yaml (with the poll template, the upstream POST and GET, and the error policy):
 * one batch of MIS 111 per test, the upstream answers scripted on mock:upstream. A retried POST
 * must send exactly the same body with the same Idempotency-Key.
 */
class RosterPushRouteTest extends YamlRouteTestSupport {

    private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"status\":\"PENDING\"}";
    private static final String COMPLETE = "{\"jobId\":\"job-1\",\"status\":\"COMPLETE\",\"results\":[]}";
    private static final String BODY = "{\"batchId\":\"batch-1\",\"students\":[]}";

    private final StubBatches batches = new StubBatches();

    @Override
    protected List<String> routeFiles() {
        return List.of("poll-mis-codes.yaml", "upstream-call.yaml", "upstream-errors.yaml", "roster-push.yaml");
    }

    @Override
    protected void bindFlowBeans(Registry registry) {
        registry.bind("rosterBatchSource", batches);
        registry.bind("rosterBatches", batches);
        registry.bind("rosterResultWriter", batches);
        registry.bind("outboxStatuses", batches);
        registry.bind("rosterWriteBackRetries", batches);
        registry.bind("bulkJobPolling", new BulkJobPolling(10, 50, 5_000));
        registry.bind("bulkAccountJson", new BulkAccountJson(new ObjectMapper()));
    }

    @Test
    void aBatchIsPostedWithItsIdempotencyKeyPolledAndSettled() throws Exception {
        answer(1, 202, ACCEPTED, null);
        answer(2, 200, COMPLETE, null);

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(2);
        Message post = upstream.getReceivedExchanges().get(0).getMessage();
        assertThat(post.getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(post.getHeader(Exchange.HTTP_PATH)).isEqualTo("/v1/colleges/111/accounts/bulk");
        assertThat(post.getHeader("Idempotency-Key")).isEqualTo("batch-1");
        assertThat(post.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(post.getBody(String.class)).isEqualTo(BODY);
        Message get = upstream.getReceivedExchanges().get(1).getMessage();
        assertThat(get.getHeader(Exchange.HTTP_METHOD)).isEqualTo("GET");
        assertThat(get.getHeader(Exchange.HTTP_PATH)).isEqualTo("/v1/colleges/111/accounts/bulk/job-1");
        assertThat(get.getHeader("Idempotency-Key")).isNull();
        assertThat(batches.settled).containsExactly("batch-1 job-1 COMPLETE");
        assertThat(activity.lastFailure("roster-push", "111")).isNull();
    }

    @Test
    void a401IsRetriedOnceWithANewTokenAndTheSameRequest() throws Exception {
        answer(1, 401, "", null);
        answer(2, 202, ACCEPTED, null);
        answer(3, 200, COMPLETE, null);

        poll();

        assertThat(tokens.invalidated).hasValue(1);
        assertSameRequestSentTwice();
        assertThat(batches.settled).containsExactly("batch-1 job-1 COMPLETE");
    }

    @Test
    void a429WaitsForItsRetryAfterThenSendsTheSameRequestAgain() throws Exception {
        answer(1, 429, "", "1");
        answer(2, 202, ACCEPTED, null);
        answer(3, 200, COMPLETE, null);

        poll();

        assertSameRequestSentTwice();
        assertThat(millisBetweenFirstTwoCalls()).isGreaterThanOrEqualTo(900);
        assertThat(batches.settled).containsExactly("batch-1 job-1 COMPLETE");
    }

    @Test
    void a5xxIsRetriedUntilTheBudgetIsSpentThenTheRunEndsWithOneFailure() throws Exception {
        answerEveryOtherCall(502);

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(4);
        assertThat(batches.settled).isEmpty();
        assertThat(batches.jobs).isEmpty();
        assertThat(activity.lastFailure("roster-push", "111")).contains("HTTP 502");
    }

    @Test
    void a4xxEndsTheRunAtOnceWithoutARetry() throws Exception {
        answer(1, 422, "{\"error\":{\"code\":\"INVALID_BATCH\",\"message\":\"too many students\"}}", null);

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(1);
        assertThat(batches.settled).isEmpty();
        assertThat(activity.lastFailure("roster-push", "111")).contains("HTTP 422").contains("will not be retried");
    }

    @Test
    void aDatabaseFailureRecordingTheJobIsNotRetriedAsAnUpstreamOne() throws Exception {
        answer(1, 202, ACCEPTED, null);
        batches.failRecordingWith = new SQLException("Connection is closed", "08003");

        poll();

        assertThat(upstream.getReceivedCounter()).isEqualTo(1);
        assertThat(batches.settled).isEmpty();
        assertThat(activity.lastFailure("roster-push", "111")).contains("08003");
    }

    private void poll() throws Exception {
        poll("roster-push-poll", "upstream-get", "upstream-post");
    }

    private void assertSameRequestSentTwice() {
        Message first = upstream.getReceivedExchanges().get(0).getMessage();
        Message second = upstream.getReceivedExchanges().get(1).getMessage();
        assertThat(second.getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(second.getBody(String.class)).isEqualTo(first.getBody(String.class)).isEqualTo(BODY);
        assertThat(second.getHeader("Idempotency-Key")).isEqualTo(first.getHeader("Idempotency-Key")).isEqualTo("batch-1");
    }

    /** The outbox, batch table and result writer without a database: one new batch per run. */
    public static final class StubBatches {
        final Deque<OpenBatch> open = new ArrayDeque<>(List.of(new OpenBatch("batch-1", "111", null, 1)));
        final List<String> jobs = new CopyOnWriteArrayList<>();
        final List<String> settled = new CopyOnWriteArrayList<>();
        volatile SQLException failRecordingWith;

        /** The write-back retries step that opens every run: nothing pending here. */
        public int retry(String misCode) {
            return 0;
        }

        public void tidy(String misCode) {
        }

        public OpenBatch next(Exchange exchange) {
            return open.poll();
        }

        public byte[] requestBody(OpenBatch batch) {
            return BODY.getBytes(StandardCharsets.UTF_8);
        }

        public OpenBatch recordJob(OpenBatch batch, String jobId) throws SQLException {
            if (failRecordingWith != null) {
                throw failRecordingWith;
            }
            jobs.add(jobId);
            return new OpenBatch(batch.batchId(), batch.misCode(), jobId, batch.studentCount());
        }

        public void settle(OpenBatch batch, BulkJobStatus job) {
            settled.add(batch.batchId() + " " + job.jobId() + " " + job.status());
        }
    }
}
