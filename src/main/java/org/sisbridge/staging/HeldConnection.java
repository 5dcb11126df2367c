package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one connection a writer's consecutive transactions commit on (a report's chunks, the pages of
 * an events poll): taken from the pool at the first with auto-commit off, and given back when the
 * writer has nothing more to commit. Each batch is still its own transaction (its commit ends it);
 * what is saved is the pool's hand-out and the two {@code set autocommit} round trips every batch
 * paid (on MariaDB about 1 ms of a 17 ms report chunk, issue 17).
 * <p>
 * One user at a time: the batches run one after another on a writer thread (a report's last chunk on
 * the reading thread, after the writer has finished the others). Once a batch failed, the connection
 * is given back (the pool drops it if it is broken) and every later batch fails unstaged, so nothing
 * commits after a failed batch on a connection in an unknown state.
 */
public final class HeldConnection implements AutoCloseable {

    private final DataSource dataSource;
    private Connection connection;
    /** Set by a failed batch; the batches queued behind it read it on the same writer thread. */
    private volatile SQLException failed;

    public HeldConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The connection, in a state to begin a batch's transaction (auto-commit off). */
    public Connection forBatch() throws SQLException {
        if (failed != null) {
            throw new SQLException("not committed: an earlier batch on this connection failed (" + failed.getMessage() + ")",
                    failed);
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
     * A batch failed: its transaction is rolled back where the connection still answers, and the
     * connection goes back to the pool now; no later batch is committed on this holder.
     */
    public void failed(Throwable cause) {
        failed = cause instanceof SQLException sql ? sql : new SQLException(String.valueOf(cause.getMessage()), cause);
        if (connection != null) {
            release(cause);
        }
    }

    /** Gives the connection back to the pool, anything not committed rolled back, auto-commit on again. */
    @Override
    public void close() {
        if (connection != null) {
            release(null);
        }
    }

    /**
     * Rolls back first, whatever the caller believes: turning auto-commit on would commit a transaction
     * still open (a batch cut short by an Error, say), so that is done only after the rollback answered.
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
