package org.sisbridge.events;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits event pages one at a time on a single writer thread while the route already fetches the
 * next page: fetching (HTTP, JSON, checks) and committing (the database) overlap instead of taking
 * turns. At most one page is in flight. Pages still commit in feed order, each with its cursor, so
 * exactly-once is unchanged: a failed commit surfaces on the route's next hand-over (or at
 * {@link #awaitPending}), the poll stops, and the cursor is where the last committed page left it.
 */
public class WriteBehindPages {

    private static final Logger LOG = LoggerFactory.getLogger("org.sisbridge.events");
    private static final String PAGE_LINE = "Events page committed for MIS {}: received {}, stored {}, duplicates {},"
            + " rejected {}, undocumented transitions {}, more {}";

    private final EventPageWriter writer;
    private final ExecutorService executor;
    private Future<PageOutcome> pending;

    /** @param executor a single-threaded executor (from Camel's ExecutorServiceManager, so it stops with Camel) */
    public WriteBehindPages(EventPageWriter writer, ExecutorService executor) {
        this.writer = writer;
        this.executor = executor;
    }

    /**
     * Checks this page on the caller's thread (no database work), waits for the page before to
     * commit (failing with its error), then hands this one to the writer.
     */
    public synchronized void submit(String misCode, EventPage page) throws Exception {
        EventPageWriter.CheckedPage checked = writer.check(page);
        awaitPending();
        pending = executor.submit(() -> {
            PageOutcome outcome = writer.commit(misCode, checked);
            // a poll that finds the feed caught up commits an empty page every poll interval: that is no line
            // for the day's log (the status page and /observe/metrics show the last poll)
            Object[] counts = {outcome.misCode(), outcome.received(), outcome.stored(), outcome.duplicates(),
                outcome.rejectedTotal(), outcome.undocumentedTransitions(), outcome.hasMore()};
            if (outcome.received() > 0) {
                LOG.info(PAGE_LINE, counts);
            } else {
                LOG.debug(PAGE_LINE, counts);
            }
            return outcome;
        });
    }

    /** Waits until the page in flight, if any, has committed; rethrows its failure as it was. */
    public synchronized void awaitPending() throws Exception {
        if (pending == null) {
            return;
        }
        Future<PageOutcome> inFlight = pending;
        pending = null;
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
