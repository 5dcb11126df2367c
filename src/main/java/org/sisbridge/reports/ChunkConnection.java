package org.sisbridge.reports;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one connection a report's chunks commit on, one after another: taken from the pool at the first
 * chunk with auto-commit off, and given back when the load ends. Each chunk is still its own
 * transaction (its commit ends it); what is saved is the pool's hand-out and the two {@code set
 * autocommit} round trips every chunk paid (on MariaDB about 1 ms of a 17 ms chunk, issue 17).
 * <p>
 * The chunks use it on the writer thread and the last one on the reading thread, never two at once: the
 * loader waits for every chunk in flight before the next user. Once a chunk failed, the connection is
 * given back (the pool drops it if it is broken) and every later chunk of the load fails unstaged, so
 * nothing commits after a failed chunk on a connection in an unknown state.
 */
final class ChunkConnection implements AutoCloseable {

    private final DataSource dataSource;
    private Connection connection;
    /** Set by a failed chunk; the chunks queued behind it read it on the same writer thread. */
    private volatile SQLException failed;

    ChunkConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The load's connection in a state to begin a chunk's transaction. */
    Connection forChunk() throws SQLException {
        if (failed != null) {
            throw new SQLException("not committed: an earlier chunk of this report failed (" + failed.getMessage() + ")",
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
     * A chunk failed: its transaction is rolled back where the connection still answers, and the
     * connection goes back to the pool now; the rest of the load is not committed.
     */
    void failed(Exception cause) {
        failed = cause instanceof SQLException sql ? sql : new SQLException(cause.getMessage(), cause);
        if (connection != null) {
            boolean rolledBack = false;
            try {
                connection.rollback();
                rolledBack = true;
            } catch (SQLException | RuntimeException brokenConnection) {
                cause.addSuppressed(brokenConnection);
            }
            // auto-commit on would commit a transaction still open: only after the rollback answered
            release(rolledBack);
        }
    }

    /** Gives the connection back to the pool at the end of the load (every chunk committed), auto-commit on again. */
    @Override
    public void close() {
        if (connection != null) {
            release(true);
        }
    }

    /** @param clean no transaction is open (each chunk committed or was rolled back) */
    private void release(boolean clean) {
        Connection held = connection;
        connection = null;
        if (clean) {
            try {
                held.setAutoCommit(true);
            } catch (SQLException | RuntimeException brokenConnection) {
                // the pool drops a broken connection; the load's own outcome is what is told
            }
        }
        try {
            held.close();
        } catch (SQLException | RuntimeException brokenConnection) {
            // as above
        }
    }
}
