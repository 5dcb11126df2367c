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
 * <p>
 * Once a page failed, nothing more commits until the next poll has read the cursor again
 * ({@link #startPoll}): a retried hand-over gets the same failure, never the next page committed in
 * the failed one's place. The checkpoint's compare-and-set refuses such a page as well.
 */
public class WriteBehindPages {

    private static final Logger LOG = LoggerFactory.getLogger("org.sisbridge.events");
    private static final String PAGE_LINE = "Events page committed for MIS {}: received {}, stored {}, duplicates {},"
            + " rejected {}, undocumented transitions {}, more {}";

    private final EventPageWriter writer;
    private final ExecutorService executor;
    private Future<PageOutcome> pending;
    private Exception failed;

    /** @param executor a single-threaded executor (from Camel's ExecutorServiceManager, so it stops with Camel) */
    public WriteBehindPages(EventPageWriter writer, ExecutorService executor) {
        this.writer = writer;
        this.executor = executor;
    }

    /**
     * The start of a poll, before it reads the cursor: waits for a page of an earlier poll still
     * committing (failing with its error), and then accepts pages again.
     */
    public synchronized void startPoll() throws Exception {
        // a failure an earlier poll already ended with is not this poll's
        failed = null;
        try {
            awaitPending();
        } finally {
            failed = null;
        }
    }

    /**
     * Checks this page on the caller's thread (no database work), waits for the page before to
     * commit (failing with its error), then hands this one to the writer.
     *
     * @param fromCursor the cursor this page was fetched with: its commit moves the checkpoint from there only
     */
    public synchronized void submit(String misCode, String fromCursor, EventPage page) throws Exception {
        if (failed != null) {
            throw failed;
        }
        EventPageWriter.CheckedPage checked = writer.check(page, fromCursor);
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

    /**
     * Waits until the page in flight, if any, has committed; rethrows its failure as it was, and
     * again on every later call until {@link #startPoll}.
     */
    public synchronized void awaitPending() throws Exception {
        if (failed != null) {
            throw failed;
        }
        if (pending == null) {
            return;
        }
        Future<PageOutcome> inFlight = pending;
        pending = null;
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            failed = e.getCause() instanceof Exception cause ? cause : e;
            throw failed;
        }
    }
}
