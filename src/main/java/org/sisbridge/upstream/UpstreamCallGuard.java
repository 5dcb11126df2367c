package org.sisbridge.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.sisbridge.runtime.CallsInProgress;

/**
 * Puts every upstream call inside its bounds (routes/upstream-call.yaml and the report download):
 * {@link #begin} starts the call's total deadline before the token is asked for, and records the
 * call as in progress for readiness; {@link #bound} wraps the answer, right after the HTTP step, in
 * a {@link BoundedAnswer} that counts its bytes as they are read and ends it at the deadline.
 *
 * <p>camel-http (Apache HttpClient) only has per-read timeouts: an answer that sends a byte every
 * few seconds never trips them. So a watchdog thread aborts the connection at the deadline, which
 * makes a blocked read return at once; between reads the answer checks the deadline itself. Before
 * the answer's headers are in, the watchdog ends the exchange the calling thread waits in
 * ({@link HttpExchangesInFlight}): headers that trickle are cut at the same deadline.
 */
public class UpstreamCallGuard {

    /** Exchange property: the {@link CallDeadline} of the call in progress (the token provider waits no longer). */
    public static final String DEADLINE = "upstreamDeadline";
    /** Exchange property a flow may set before a call: its total time in milliseconds (default call-timeout-ms). */
    public static final String TIMEOUT_MS = "upstreamTimeoutMs";
    /** Exchange property a flow may set before a call: an {@link AnswerBound} (default max-response-bytes). */
    public static final String ANSWER_BOUND = "upstreamAnswerBound";
    private static final String CALL = "upstreamCallInProgress";
    private static final String HEADERS_WATCH = "upstreamHeadersWatch";
    private static final String WATCHED = "upstreamCallsWatched";

    private final UpstreamLimits limits;
    private final CallsInProgress calls;
    private final ScheduledExecutorService watchdog;
    private final HttpExchangesInFlight inFlight;

    /** @param watchdog a scheduled executor (from Camel's ExecutorServiceManager, so it stops with Camel) */
    public UpstreamCallGuard(UpstreamLimits limits, CallsInProgress calls, ScheduledExecutorService watchdog) {
        this(limits, calls, watchdog, null);
    }

    /** @param inFlight the HTTP client's exchanges waiting for headers (null: the headers are bounded per read only) */
    public UpstreamCallGuard(UpstreamLimits limits, CallsInProgress calls, ScheduledExecutorService watchdog,
                             HttpExchangesInFlight inFlight) {
        this.limits = limits;
        this.calls = calls;
        this.watchdog = watchdog;
        this.inFlight = inFlight;
    }

    /** Before the token: the call's deadline starts now, and the call counts as in progress. */
    public void begin(Exchange exchange) {
        Long timeoutMs = exchange.getProperty(TIMEOUT_MS, Long.class);
        exchange.removeProperty(TIMEOUT_MS);
        Duration timeout = timeoutMs == null ? limits.callTimeout() : Duration.ofMillis(timeoutMs);
        String what = exchange.getMessage().getHeader("upstreamCall", "upstream call", String.class);
        CallDeadline deadline = CallDeadline.in(what, timeout);
        exchange.setProperty(DEADLINE, deadline);
        endCall(exchange); // a retry of the same call
        exchange.setProperty(CALL, calls.begin(exchange.getProperty("flow", "upstream", String.class),
                exchange.getProperty("misCode", "-", String.class), what, timeout, exchange.getExchangeId()));
        if (inFlight != null) {
            // the HTTP step runs on this thread; until its headers are in, only this ends it at the deadline
            HttpExchangesInFlight.Watch watch = inFlight.watch(Thread.currentThread());
            ScheduledFuture<?> timer = watchdog.schedule(() -> watch.abort(deadline.exceeded("the answer's header block")),
                    deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            exchange.setProperty(HEADERS_WATCH, new HeadersWatch(watch, timer));
        }
        if (exchange.getProperty(WATCHED) == null) {
            exchange.setProperty(WATCHED, true);
            // whatever happened to the answer, the call is over when the flow's exchange is
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    calls.endAllOf(done.getExchangeId());
                    endHeadersWatch(done);
                }
            });
        }
    }

    /** Right after the HTTP step: the answer, bounded in bytes and time, replaces the body. */
    public void bound(Exchange exchange) throws IOException {
        endHeadersWatch(exchange);
        Message message = exchange.getMessage();
        CallDeadline deadline = exchange.getProperty(DEADLINE, CallDeadline.class);
        AnswerBound bound = exchange.getProperty(ANSWER_BOUND, AnswerBound.class);
        exchange.removeProperty(ANSWER_BOUND);
        if (bound == null) {
            bound = new AnswerBound(limits.maxResponseBytes(), "sisbridge.upstream.max-response-bytes");
        }
        CallsInProgress.Call call = exchange.getProperty(CALL, CallsInProgress.Call.class);
        InputStream body = message.getBody(InputStream.class);
        if (body == null) {
            body = InputStream.nullInputStream();
        }
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        BoundedAnswer answer = new BoundedAnswer(body, bound.maxBytes(), bound.from(), deadline, "the answer", () -> {
            if (call != null) {
                call.end();
            }
            ScheduledFuture<?> pending = timer.get();
            if (pending != null) {
                pending.cancel(false);
            }
        });
        Long declared = message.getHeader("Content-Length", Long.class);
        if (declared != null && declared > bound.maxBytes()) {
            // refused before a byte is read: the first read says why
            answer.refuseUnread(UpstreamAnswerRefusedException.tooLarge(deadline.call() + ": the answer declares "
                    + declared + " bytes, more than " + bound.maxBytes() + " (" + bound.from() + "); refused unread"));
        } else {
            timer.set(watchdog.schedule(answer::abort, deadline.remainingMillis(), TimeUnit.MILLISECONDS));
        }
        message.setBody(answer);
    }

    private static void endCall(Exchange exchange) {
        CallsInProgress.Call previous = exchange.getProperty(CALL, CallsInProgress.Call.class);
        if (previous != null) {
            previous.end();
        }
        endHeadersWatch(exchange);
    }

    /** The headers are in (or the call is over): the thread must not be aborted later in another exchange. */
    private static void endHeadersWatch(Exchange exchange) {
        HeadersWatch watch = exchange.getProperty(HEADERS_WATCH, HeadersWatch.class);
        exchange.removeProperty(HEADERS_WATCH);
        if (watch != null) {
            watch.timer().cancel(false);
            watch.watch().end();
        }
    }

    /** A call's watch over its thread until the headers are in, and the deadline that aborts it. */
    private record HeadersWatch(HttpExchangesInFlight.Watch watch, ScheduledFuture<?> timer) {
    }
}
