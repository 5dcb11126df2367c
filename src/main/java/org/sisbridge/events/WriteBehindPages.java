package org.sisbridge.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.sisbridge.staging.HeldConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits event pages on writer threads while the route already fetches the next ones: fetching
 * (HTTP, JSON, checks) and committing (the database) overlap instead of taking turns. At most
 * {@code depth} pages are in flight (sisbridge.events.pages-in-flight): with two, a page that is slow
 * to fetch and one that is slow to commit no longer hold each other up. Pages still commit in feed
 * order, each with its cursor, so exactly-once is unchanged: a failed commit surfaces on a later
 * hand-over (or at {@link #awaitPending}), the poll stops, and the cursor is where the last committed
 * page left it.
 * <p>
 * With more than one writer connection (sisbridge.events.writer-connections), page n goes to writer n
 * modulo their number, each a single thread with its connection: the database inserts one page's
 * events while the previous page commits on the other connection. The order of the commits is kept by
 * each page's {@link PageTurn}: a page moves the cursor (by compare-and-set from the cursor it was
 * fetched with) only after the page before it has committed, and a page whose predecessor failed never
 * commits.
 * <p>
 * Once a page failed, nothing more commits until the next poll has read the cursor again
 * ({@link #startPoll}): the pages queued behind it are skipped on the writer threads, and a retried
 * hand-over gets the same failure, never the next page committed in the failed one's place. The
 * checkpoint's compare-and-set refuses such a page as well.
 * <p>
 * Pages that follow each other commit on the same connections ({@link HeldConnections}): the writers
 * keep them while a page is still waiting and give them back to the pool when none is (the end of a
 * poll, a feed that is caught up) or when a page failed.
 */
public class WriteBehindPages {

    private static final Logger LOG = LoggerFactory.getLogger("org.sisbridge.events");
    private static final String PAGE_LINE = "Events page committed for MIS {}: received {}, stored {}, duplicates {},"
            + " rejected {}, undocumented transitions {}, more {}";

    private final EventPageWriter writer;
    /** One single-threaded executor per writer connection. */
    private final List<ExecutorService> writers;
    private final int depth;
    private final long overlapWaitMillis;
    private final Deque<Future<PageOutcome>> pending = new ArrayDeque<>();
    /** Guards the run of pages in flight: its connections, its last turn and its page count. */
    private final Object run = new Object();
    /** Pages handed over whose commit task has not ended; the writers give their connections back at zero. */
    private int queued;
    private HeldConnections held;
    private int handedOver;
    private PageTurn lastTurn;
    private EventPageWriter.CheckedPage lastPage;
    private Exception failed;
    /** Set on a writer thread when a commit fails: the pages queued behind it are skipped. */
    private volatile boolean poisoned;

    /** @param executor a single-threaded executor (from Camel's ExecutorServiceManager, so it stops with Camel) */
    public WriteBehindPages(EventPageWriter writer, ExecutorService executor) {
        this(writer, executor, 1);
    }

    /**
     * One writer connection: a page's predecessor has always committed before it starts, so no overlap wait applies.
     *
     * @param depth how many pages may be handed over and not yet committed (at least 1)
     */
    public WriteBehindPages(EventPageWriter writer, ExecutorService executor, int depth) {
        this(writer, List.of(executor), depth, 0);
    }

    /**
     * @param writers           single-threaded executors, one per connection the pages commit on
     * @param overlapWaitMillis how long a page waits for the one before it to commit before it steps back
     *                          (sisbridge.events.overlap-wait-ms; see {@link PageTurn}); 0: no bound, for one writer only
     */
    public WriteBehindPages(EventPageWriter writer, List<ExecutorService> writers, int depth, long overlapWaitMillis) {
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("at least one writer");
        }
        this.writer = writer;
        this.writers = List.copyOf(writers);
        this.depth = Math.max(1, depth);
        this.overlapWaitMillis = overlapWaitMillis;
    }

    /** How many connections the pages commit on (sisbridge.events.writer-connections, resolved). */
    public int writerConnections() {
        return writers.size();
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
     * in flight (failing with the error of one that failed), then hands this one to its writer.
     *
     * @param fromCursor the cursor this page was fetched with: its commit moves the checkpoint from there only
     */
    public void submit(String misCode, String fromCursor, EventPage page) throws Exception {
        submit(misCode, check(page, fromCursor));
    }

    /**
     * The page's events checked and made ready to stage, on the caller's thread (no database work). The
     * route makes the result its body before handing it over: the page's JSON trees are then garbage while
     * the checked page waits for its writer, instead of surviving collections beside it.
     *
     * @param fromCursor the cursor this page was fetched with: its commit moves the checkpoint from there only
     */
    public EventPageWriter.CheckedPage check(EventPage page, String fromCursor) {
        return writer.check(page, fromCursor);
    }

    /** As {@link #submit(String, String, EventPage)}, for a page {@link #check checked} already. */
    public synchronized void submit(String misCode, EventPageWriter.CheckedPage checked) throws Exception {
        if (failed != null) {
            throw failed;
        }
        while (pending.size() >= depth) {
            awaitOldest();
        }
        HeldConnections connections;
        PageTurn turn;
        int n;
        synchronized (run) {
            if (held == null) {
                // a new run of pages: nothing of an earlier one is in flight
                held = new HeldConnections(writer.dataSource(), writers.size());
                handedOver = 0;
                lastTurn = null;
                lastPage = null;
            }
            connections = held;
            n = ++handedOver;
            turn = lastTurn == null ? PageTurn.first() : lastTurn.next(sharesKeys(lastPage, checked), overlapWaitMillis);
            lastTurn = turn;
            lastPage = checked;
            queued++;
        }
        try {
            pending.addLast(writers.get(connections.connectionOf(n))
                    .submit(() -> commitInTurn(misCode, checked, connections, n, turn)));
        } catch (RuntimeException notAccepted) {
            turn.failed(notAccepted);
            ended(connections);
            throw notAccepted;
        }
    }

    private static boolean sharesKeys(EventPageWriter.CheckedPage before, EventPageWriter.CheckedPage page) {
        return before != null && before.prepared() != null && page.prepared() != null
                && page.prepared().mayShareKeysWith(before.prepared());
    }

    /** On a writer thread: the page's commit, then the connections given back if no page waits behind it. */
    private PageOutcome commitInTurn(String misCode, EventPageWriter.CheckedPage checked, HeldConnections connections,
                                     int n, PageTurn turn) throws Exception {
        try {
            return commit(misCode, checked, connections, n, turn);
        } finally {
            ended(connections);
        }
    }

    private void ended(HeldConnections connections) {
        synchronized (run) {
            if (--queued == 0 && held == connections) {
                held.close();
                held = null;
                lastTurn = null;
                lastPage = null;
            }
        }
    }

    private PageOutcome commit(String misCode, EventPageWriter.CheckedPage checked, HeldConnections connections,
                               int n, PageTurn turn) throws Exception {
        PageOutcome outcome;
        try {
            if (poisoned) {
                throw new IllegalStateException("not committed: a page before it failed");
            }
            outcome = writer.commit(misCode, checked, connections.connection(n), turn);
        } catch (Exception | Error e) {
            poisoned = true;
            // the page after this one, perhaps running on another connection, stops waiting for it first ...
            turn.failed(e);
            // ... and then every connection is rolled back and given up (each after its page running); the
            // next poll's pages take new ones
            connections.failed(e);
            throw e;
        }
        turn.committed();
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
