package org.sisbridge.roster;

import org.apache.camel.Exchange;

/**
 * When to ask about a bulk job again: after a delay that doubles from the initial one up to the
 * maximum, and only while the poll budget lasts. A job still running when the budget is spent is
 * left for the next timer tick (the batch stays SUBMITTED), so one slow job never holds up the
 * college's other batches for long.
 */
public class BulkJobPolling {

    static final String STATUS = "jobStatus";
    private static final String DELAY = "jobPollDelayMs";
    private static final String DEADLINE = "jobPollDeadline";

    private final long initialDelayMs;
    private final long maxDelayMs;
    private final long budgetMs;

    public BulkJobPolling(long initialDelayMs, long maxDelayMs, long budgetMs) {
        this.initialDelayMs = initialDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.budgetMs = budgetMs;
    }

    public void start(Exchange exchange) {
        exchange.removeProperty("job");
        exchange.setProperty(STATUS, "PENDING");
        exchange.setProperty(DELAY, initialDelayMs);
        exchange.setProperty(DEADLINE, System.nanoTime() + budgetMs * 1_000_000L);
    }

    /** True while the job has not finished and the next poll would still start within the budget. */
    public boolean keepPolling(Exchange exchange) {
        Object job = exchange.getProperty("job");
        if (job instanceof BulkJobStatus status && status.finished()) {
            return false;
        }
        long delay = exchange.getProperty(DELAY, 0L, Long.class);
        long deadline = exchange.getProperty(DEADLINE, 0L, Long.class);
        return System.nanoTime() + delay * 1_000_000L - deadline <= 0;
    }

    /** Records the answer and doubles the delay for the next poll. */
    public void polled(Exchange exchange) {
        BulkJobStatus status = exchange.getMessage().getBody(BulkJobStatus.class);
        exchange.setProperty("job", status);
        exchange.setProperty(STATUS, status.status());
        long delay = exchange.getProperty(DELAY, 0L, Long.class);
        exchange.setProperty(DELAY, Math.min(maxDelayMs, Math.max(1, delay * 2)));
    }
}
