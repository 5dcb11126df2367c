package org.sisbridge.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sisbridge.staging.HeldConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits event pages one at a time on a single writer thread while the route already fetches the
 * next ones: fetching (HTTP, JSON, checks) and committing (the database) overlap instead of taking
 * turns. At most {@code depth} pages are in flight (sisbridge.events.pages-in-flight): with two, a
 * page that is slow to fetch and one that is slow to commit no longer hold each other up. Pages still
 * commit in feed order, each with its cursor, so exactly-once is unchanged: a failed commit surfaces
 * on a later hand-over (or at {@link #awaitPending}), the poll stops, and the cursor is where the last
 * committed page left it.
 * <p>
 * Once a page failed, nothing more commits until the next poll has read the cursor again
 * ({@link #startPoll}): the pages queued behind it are skipped on the writer thread, and a retried
 * hand-over gets the same failure, never the next page committed in the failed one's place. The
 * checkpoint's compare-and-set refuses such a page as well.
 * <p>
 * Pages that follow each other commit on one connection ({@link HeldConnection}): the writer keeps it
 * while the next page is already waiting and gives it back to the pool when none is (the end of a
 * poll, a feed that is caught up) or when a page failed.
 */
public class WriteBehindPages {

    private static final Logger LOG = LoggerFactory.getLogger("org.sisbridge.events");
    private static final String PAGE_LINE = "Events page committed for MIS {}: received {}, stored {}, duplicates {},"
            + " rejected {}, undocumented transitions {}, more {}";

    private final EventPageWriter writer;
    private final ExecutorService executor;
    private final int depth;
    private final Deque<Future<PageOutcome>> pending = new ArrayDeque<>();
    /** Pages handed over whose commit task has not ended; the writer gives its connection back at zero. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Used on the writer thread only. */
    private HeldConnection held;
    private Exception failed;
    /** Set on the writer thread when a commit fails: the pages queued behind it are skipped. */
    private volatile boolean poisoned;

    /** @param executor a single-threaded executor (from Camel's ExecutorServiceManager, so it stops with Camel) */
    public WriteBehindPages(EventPageWriter writer, ExecutorService executor) {
        this(writer, executor, 1);
    }

    /** @param depth how many pages may be handed over and not yet committed (at least 1) */
    public WriteBehindPages(EventPageWriter writer, ExecutorService executor, int depth) {
        this.writer = writer;
        this.executor = executor;
        this.depth = Math.max(1, depth);
    }

    /**
     * The start of a poll, before it reads the cursor: waits for the pages of an earlier poll still
     * committing (failing with the first error), and then accepts pages again.
     */
    public synchronized void startPoll() throws Exception {
        // a failure an earlier poll already ended with is not this poll's
        failed = null;
        try {
            awaitPending();
        } finally {
            failed = null;
            poisoned = false;
        }
    }

    /**
     * Checks this page on the caller's thread (no database work), waits while {@code depth} pages are
     * in flight (failing with the error of one that failed), then hands this one to the writer.
     *
     * @param fromCursor the cursor this page was fetched with: its commit moves the checkpoint from there only
     */
    public synchronized void submit(String misCode, String fromCursor, EventPage page) throws Exception {
        if (failed != null) {
            throw failed;
        }
        EventPageWriter.CheckedPage checked = writer.check(page, fromCursor);
        while (pending.size() >= depth) {
            awaitOldest();
        }
        queued.incrementAndGet();
        try {
            pending.addLast(executor.submit(() -> commitInTurn(misCode, checked)));
        } catch (RuntimeException notAccepted) {
            queued.decrementAndGet();
            throw notAccepted;
        }
    }

    /** On the writer thread: the page's commit, then the connection given back if no page waits behind it. */
    private PageOutcome commitInTurn(String misCode, EventPageWriter.CheckedPage checked) throws Exception {
        try {
            return commit(misCode, checked);
        } finally {
            if (queued.decrementAndGet() == 0 && held != null) {
                held.close();
                held = null;
            }
        }
    }

    private PageOutcome commit(String misCode, EventPageWriter.CheckedPage checked) throws Exception {
        if (poisoned) {
            throw new IllegalStateException("not committed: a page before it failed");
        }
        PageOutcome outcome;
        try {
            if (held == null) {
                held = writer.connection();
            }
            outcome = writer.commit(misCode, checked, held);
        } catch (Exception | Error e) {
            poisoned = true;
            // the writer gave the connection up (rolled back); the next poll's pages take a new one
            if (held != null) {
                held.failed(e);
                held = null;
            }
            throw e;
        }
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
    }

    /**
     * Waits until every page in flight has committed; rethrows the first failure as it was, and again
     * on every later call until {@link #startPoll}.
     */
    public synchronized void awaitPending() throws Exception {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Waits for the oldest page in flight; a failure (the first one) is kept and thrown. */
    private void awaitOldest() throws Exception {
        Future<PageOutcome> oldest = pending.removeFirst();
        try {
            oldest.get();
        } catch (ExecutionException e) {
            if (failed == null) {
                failed = e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        if (failed != null) {
            // the pages behind a failed one are skipped on the writer thread: wait for them to end too
            while (!pending.isEmpty()) {
                try {
                    pending.removeFirst().get();
                } catch (ExecutionException skipped) {
                    // the first failure is the one told
                }
            }
            throw failed;
        }
    }
}
