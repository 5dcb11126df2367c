package org.sisbridge.events;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A page's turn among the pages of a poll when they commit on more than one connection
 * (sisbridge.events.writer-connections). Page n inserts its events while page n - 1 may still be
 * committing on another connection, but it goes on (the on-change statement, its rejects, the cursor's
 * compare-and-set, its run row, the commit) only once page n - 1 has committed. So pages still commit in
 * feed order, each moving the cursor from where the one before left it, and a failed page lets nothing
 * after it commit: its successor's wait fails too.
 * <p>
 * Two pages in flight hold locks at the same time, so neither may wait for the other: the later one
 * inserts only after the earlier one's insert when they carry the same event key (a redelivery), and a
 * page whose predecessor has not committed after {@code overlapWaitMillis} steps back (the caller rolls its
 * insert back, waits for that commit and inserts again): whatever else the two might share (a trigger, a
 * key the database compares without case), a page never waits for its predecessor while holding a lock
 * that predecessor may be waiting for, for longer than that.
 */
public final class PageTurn {

    private final boolean insertAfterPrevious;
    private final long overlapWaitMillis;
    private final CompletableFuture<Void> inserted = new CompletableFuture<>();
    private final CompletableFuture<Void> committed = new CompletableFuture<>();
    /** Dropped once this page has ended, so that a long poll does not keep every page's turn reachable. */
    private volatile PageTurn previous;

    private PageTurn(PageTurn previous, boolean insertAfterPrevious, long overlapWaitMillis) {
        this.previous = previous;
        this.insertAfterPrevious = insertAfterPrevious;
        this.overlapWaitMillis = overlapWaitMillis;
    }

    /** A page with nothing in flight before it: it waits for nothing. */
    public static PageTurn first() {
        return new PageTurn(null, false, 0);
    }

    /**
     * The turn of the page handed over after this one.
     *
     * @param sharesKeys whether the next page carries an event key this one does
     */
    public PageTurn next(boolean sharesKeys, long overlapWaitMillis) {
        return new PageTurn(this, sharesKeys, overlapWaitMillis);
    }

    /** Before the insert: waits for the previous page's insert if the two share a key. */
    public void awaitInsertTurn() throws SQLException {
        PageTurn before = previous;
        if (before != null && insertAfterPrevious) {
            await(before.inserted, 0);
        }
    }

    /** This page's insert statement has run: the next page may insert the keys it shares with this one. */
    public void inserted() {
        inserted.complete(null);
    }

    /** Whether this page's insert has run (or the page ended). */
    boolean hasInserted() {
        return inserted.isDone();
    }

    /**
     * After the insert, before anything else of the page: waits until the previous page has committed.
     *
     * @return false when it has not within the overlap wait: roll the insert back and {@link #awaitCommitTurn()}
     * @throws SQLException when the previous page failed (this one must not commit)
     */
    public boolean awaitCommitTurnOrStepBack() throws SQLException {
        PageTurn before = previous;
        return before == null || await(before.committed, overlapWaitMillis);
    }

    /** Waits, holding nothing, until the previous page has committed; throws if it failed. */
    public void awaitCommitTurn() throws SQLException {
        PageTurn before = previous;
        if (before != null) {
            await(before.committed, 0);
        }
    }

    /** This page has committed (and been counted): the next page may move the cursor on. */
    public void committed() {
        inserted.complete(null);
        committed.complete(null);
        previous = null;
    }

    /** This page failed or was skipped: the pages after it fail instead of committing. */
    public void failed(Throwable cause) {
        inserted.completeExceptionally(cause);
        committed.completeExceptionally(cause);
        previous = null;
    }

    /** @param millis 0: no bound; @return false when the bound ran out */
    private static boolean await(CompletableFuture<Void> step, long millis) throws SQLException {
        try {
            if (millis > 0) {
                step.get(millis, TimeUnit.MILLISECONDS);
            } else {
                step.get();
            }
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new SQLException("not committed: the page before it failed (" + cause.getMessage() + ")",
                    cause instanceof SQLException sql ? sql.getSQLState() : null, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("not committed: interrupted while the page before it committed", e);
        }
    }
}
