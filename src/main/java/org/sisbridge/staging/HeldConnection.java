package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The one connection a writer's consecutive transactions commit on (a report's chunks, the pages of
 * an events poll): taken from the pool at the first with auto-commit off, and given back when the
 * writer has nothing more to commit. Each batch is still its own transaction ({@link #commit}); what is
 * saved is the pool's hand-out and the two {@code set autocommit} round trips every batch paid (on
 * MariaDB about 1 ms of a 17 ms report chunk, issue 17).
 * <p>
 * One batch at a time, whatever the threads: a batch runs under this holder's lock, and giving the
 * connection back waits for the batch running (a reading thread interrupted while a chunk commits on
 * the writer thread cannot pull the connection from under it). Once a batch failed, the connection is
 * rolled back and given back (the pool drops it if it is broken); once given back, the holder takes no
 * other: every later batch fails unstaged, so nothing commits after a failed batch, or on a connection
 * nobody would give back.
 */
public final class HeldConnection implements AutoCloseable {

    /** A batch's statements, on a connection in a transaction; its commit is the holder's. */
    @FunctionalInterface
    public interface Batch<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    /** The first failure of any holder of the writer's ({@link HeldConnections}); this one's own when alone. */
    private final AtomicReference<Throwable> writerFailed;
    private Connection connection;
    private SQLException failed;
    private boolean closed;

    public HeldConnection(DataSource dataSource) {
        this(dataSource, new AtomicReference<>());
    }

    /** @param writerFailed shared by the holders of one writer: a failure in any stops the batches of all */
    HeldConnection(DataSource dataSource, AtomicReference<Throwable> writerFailed) {
        this.dataSource = dataSource;
        this.writerFailed = writerFailed;
    }

    /**
     * Runs the batch and commits it, in one transaction on the held connection; a failure (an Error
     * too) rolls it back, gives the connection up and is thrown as it was. A batch whose writer failed
     * on another connection meanwhile is rolled back instead of committed.
     */
    public synchronized <T> T commit(Batch<T> batch) throws SQLException {
        Connection open = forBatch();
        try {
            T result = batch.run(open);
            refuseIfTheWriterFailed();
            open.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            // told to the writer's other connections before the rollback, which may take a while
            writerFailed.compareAndSet(null, e);
            failed(e);
            throw e;
        }
    }

    private void refuseIfTheWriterFailed() throws SQLException {
        Throwable other = writerFailed.get();
        if (other != null) {
            throw new SQLException("not committed: a batch on another of the writer's connections failed ("
                    + other.getMessage() + ")", other instanceof SQLException sql ? sql.getSQLState() : null, other);
        }
    }

    private Connection forBatch() throws SQLException {
        if (failed != null) {
            throw new SQLException("not committed: an earlier batch on this connection failed (" + failed.getMessage() + ")",
                    failed);
        }
        Throwable other = writerFailed.get();
        if (other != null) {
            failed(other);
            refuseIfTheWriterFailed();
        }
        if (closed) {
            throw new SQLException("not committed: the writer gave its connection back before this batch ran");
        }
        if (connection == null) {
            Connection taken = dataSource.getConnection();
            try {
                taken.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                taken.close();
                throw e;
            }
            connection = taken;
        }
        return connection;
    }

    /**
     * A batch failed (in {@link #commit}, or before it could run): what is open is rolled back where the
     * connection still answers, and the connection goes back to the pool now; no later batch is committed
     * on this holder.
     */
    public synchronized void failed(Throwable cause) {
        if (failed == null) {
            failed = cause instanceof SQLException sql ? sql : new SQLException(String.valueOf(cause.getMessage()), cause);
        }
        if (connection != null) {
            release(cause);
        }
    }

    /** Gives the connection back to the pool (after the batch running, if any), anything not committed rolled back. */
    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            release(null);
        }
    }

    /**
     * Rolls back first, whatever the caller believes: turning auto-commit on would commit a transaction
     * still open, so that is done only after the rollback answered.
     *
     * @param cause the batch's failure, which a failed rollback is added to; null when none
     */
    private void release(Throwable cause) {
        Connection held = connection;
        connection = null;
        try {
            held.rollback();
            held.setAutoCommit(true);
        } catch (SQLException | RuntimeException brokenConnection) {
            // the pool drops a broken connection; the batch's own failure is what is told
            if (cause != null) {
                cause.addSuppressed(brokenConnection);
            }
        }
        try {
            held.close();
        } catch (SQLException | RuntimeException brokenConnection) {
            // as above
        }
    }
}
