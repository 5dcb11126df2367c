package org.sisbridge.upstream;

import java.time.Duration;

/**
 * The moment by which one upstream call (token, request, every byte of the answer) must be done.
 * Measured on the monotonic clock, so a wall-clock step never stretches or cuts it.
 */
public final class CallDeadline {

    private final String call;
    private final Duration timeout;
    private final long deadlineNanos;

    private CallDeadline(String call, Duration timeout, long deadlineNanos) {
        this.call = call;
        this.timeout = timeout;
        this.deadlineNanos = deadlineNanos;
    }

    public static CallDeadline in(String call, Duration timeout) {
        return new CallDeadline(call, timeout, System.nanoTime() + timeout.toNanos());
    }

    /** What is called, e.g. "GET events for MIS 111". */
    public String call() {
        return call;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Milliseconds left, 0 once passed. */
    public long remainingMillis() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    public boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /** The one-line reason of a call that ran out of time. */
    public String exceeded(String what) {
        return call + ": " + what + " was not complete within " + timeout.toMillis() + " ms";
    }
}
