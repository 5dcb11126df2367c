package org.sisbridge.simulator;

import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scripted faults for tests, consumed in order by the next events-API and bulk-accounts-API
 * requests, one fault per request, before the random rates apply. A request that takes a scripted
 * fault gets no random one. Bulk job outcomes (FAILED, 500 after creation) are scripted apart.
 */
public final class FaultScript {
    private final ConcurrentLinkedQueue<InjectedFault> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger bulkJobFailures = new AtomicInteger();
    private final AtomicInteger bulkLostAnswers = new AtomicInteger();
    private final TokenStore tokens;
    private final int defaultRetryAfterSeconds;

    FaultScript(TokenStore tokens, int defaultRetryAfterSeconds) {
        this.tokens = tokens;
        this.defaultRetryAfterSeconds = defaultRetryAfterSeconds;
    }

    /** The next {@code times} requests answer {@code httpStatus} (429 and 503 still carry the default Retry-After). */
    public void failNext(int httpStatus, int times) {
        boolean needsRetryAfter = httpStatus == 429 || httpStatus == 503;
        failNextWithRetryAfter(httpStatus, needsRetryAfter ? defaultRetryAfterSeconds : 0, times);
    }

    /** The next {@code times} requests answer {@code httpStatus} with this Retry-After (0 = no header). */
    public void failNextWithRetryAfter(int httpStatus, int retryAfterSeconds, int times) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("a fault needs a 4xx or 5xx status, not " + httpStatus);
        }
        add(new InjectedFault(httpStatus, retryAfterSeconds, 0), times);
    }

    /** Every token issued so far stops working; the next call with one gets 401. */
    public void revokeAllTokens() {
        tokens.revokeAll();
    }

    /** The next {@code times} requests are answered normally, but only after {@code millis}. */
    public void delayNext(long millis, int times) {
        add(new InjectedFault(0, 0, millis), times);
    }

    /** Scripted faults not yet consumed. */
    public int pending() {
        return queue.size();
    }

    public void clear() {
        queue.clear();
    }

    /** The next {@code times} bulk account jobs end FAILED (creating nothing) instead of COMPLETE. */
    public void failNextBulkJobs(int times) {
        bulkJobFailures.addAndGet(times);
    }

    /** The next {@code times} bulk jobs are created, but their POST is answered 500 (the client cannot know). */
    public void answer500AfterNextBulkJobs(int times) {
        bulkLostAnswers.addAndGet(times);
    }

    Optional<InjectedFault> next() {
        return Optional.ofNullable(queue.poll());
    }

    boolean takeBulkJobFailure() {
        return bulkJobFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    boolean takeBulkLostAnswer() {
        return bulkLostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private void add(InjectedFault fault, int times) {
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }
}
