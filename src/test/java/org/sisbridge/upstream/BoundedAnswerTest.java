package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.CallsInProgress;
import org.sisbridge.testsupport.PlainCamelContexts;

/** The bounds every upstream answer is read through: bytes counted as read, the call's deadline, no draining. */
class BoundedAnswerTest {

    private final AtomicInteger ended = new AtomicInteger();

    private BoundedAnswer bounded(InputStream in, long maxBytes, Duration timeout) {
        return new BoundedAnswer(in, maxBytes, "a test cap", CallDeadline.in("GET test", timeout), "the answer",
                ended::incrementAndGet);
    }

    @Test
    void anAnswerWithinItsCapReadsWholeAndEndsOnce() throws IOException {
        BoundedAnswer answer = bounded(new ByteArrayInputStream(new byte[1000]), 1000, Duration.ofSeconds(5));
        assertThat(answer.readAllBytes()).hasSize(1000);
        answer.close();
        assertThat(ended).hasValue(1);
    }

    @Test
    void theFirstBytePastTheCapIsRefusedAsTooLargeAndNothingMoreIsRead() throws IOException {
        CountingStream source = new CountingStream(10_000_000);
        BoundedAnswer answer = bounded(source, 4096, Duration.ofSeconds(5));
        assertThatThrownBy(answer::readAllBytes).isInstanceOfSatisfying(UpstreamAnswerRefusedException.class, e -> {
            assertThat(e.tooLarge()).isTrue();
            assertThat(e.getMessage()).contains("GET test", "larger than 4096 bytes", "a test cap");
        });
        // a bounded reader asks for at most one byte past the cap, never the megabytes behind it
        assertThat(source.served).isLessThanOrEqualTo(4097);
        assertThat(source.closed).isTrue();
        // ended: the error handler that caches the body afterwards finds it empty
        assertThat(answer.read()).isEqualTo(-1);
        assertThat(ended).hasValue(1);
    }

    @Test
    void aReadAfterTheDeadlineIsRefusedAsTooSlow() throws Exception {
        BoundedAnswer answer = bounded(new CountingStream(100), 1000, Duration.ZERO); // a deadline already passed
        assertThatThrownBy(answer::read).isInstanceOfSatisfying(UpstreamAnswerRefusedException.class, e -> {
            assertThat(e.tooLarge()).isFalse();
            assertThat(e.getMessage()).contains("GET test", "was not complete within 0 ms");
        });
    }

    @Test
    void aReadBlockedAtTheDeadlineIsCutByAbort() throws Exception {
        BlockingStream source = new BlockingStream();
        BoundedAnswer answer = bounded(source, 1000, Duration.ofSeconds(30));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            watchdog.schedule(answer::abort, 100, TimeUnit.MILLISECONDS);
            assertThatThrownBy(answer::read).isInstanceOfSatisfying(UpstreamAnswerRefusedException.class,
                    e -> assertThat(e.tooLarge()).isFalse());
            assertThat(ended).hasValue(1);
        } finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void closingBeforeTheEndAbortsInsteadOfDraining() throws IOException {
        CountingStream source = new CountingStream(10_000_000);
        BoundedAnswer answer = bounded(source, 20_000_000, Duration.ofSeconds(5));
        answer.read(new byte[10]);
        answer.close();
        assertThat(source.served).isEqualTo(10);
        assertThat(source.closed).isTrue();
        assertThat(ended).hasValue(1);
    }

    @Test
    void theGuardRefusesUnreadAnAnswerWhoseContentLengthPassesTheCap() throws Exception {
        try (DefaultCamelContext camel = PlainCamelContexts.asTheAgentRunsIt(new DefaultCamelContext())) {
            CallsInProgress calls = new CallsInProgress(java.time.Clock.systemUTC());
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
            try {
                UpstreamCallGuard guard = new UpstreamCallGuard(new UpstreamLimits(1024, Duration.ofSeconds(5)), calls, watchdog);
                Exchange exchange = new DefaultExchange(camel);
                exchange.setProperty("flow", "idme-events");
                exchange.setProperty("misCode", "111");
                exchange.getMessage().setHeader("upstreamCall", "GET events for MIS 111");
                guard.begin(exchange);
                assertThat(calls.stuck(Duration.ofSeconds(-10))).extracting(CallsInProgress.Call::flow).containsExactly("idme-events");

                CountingStream source = new CountingStream(5000);
                exchange.getMessage().setBody(source);
                exchange.getMessage().setHeader("Content-Length", "5000");
                guard.bound(exchange);
                InputStream answer = exchange.getMessage().getBody(InputStream.class);
                assertThatThrownBy(answer::read).isInstanceOfSatisfying(UpstreamAnswerRefusedException.class,
                        e -> assertThat(e.getMessage()).contains("declares 5000 bytes", "more than 1024",
                                "sisbridge.upstream.max-response-bytes"));
                assertThat(source.served).isZero();
                // the call is over: readiness no longer counts it
                assertThat(calls.stuck(Duration.ofSeconds(-10))).isEmpty();
            } finally {
                watchdog.shutdownNow();
            }
        }
    }

    /** Serves zeros up to its length, counting what it served. */
    private static final class CountingStream extends InputStream {
        private final long length;
        long served;
        boolean closed;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return served < length ? (int) (0 * served++) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - served);
            served += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A read that blocks until the stream is closed, as a socket read does until its connection is cut. */
    private static final class BlockingStream extends InputStream {
        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Socket closed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
