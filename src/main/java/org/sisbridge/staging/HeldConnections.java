package org.sisbridge.staging;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The connections one writer's batches commit on when they are more than one ({@link HeldConnection}
 * each): batch n on connection n modulo their number, so that the database works on one batch while
 * the agent sends the next on another. A batch that fails on any of them fails them all: every
 * connection is rolled back and given back, no batch starts after it, and one running on another
 * connection is rolled back rather than committed (unless it was committing at that very moment:
 * every staged row is keyed, so the load that is tried again changes nothing for it).
 */
public final class HeldConnections implements AutoCloseable {

    private final List<HeldConnection> held;

    /** @param count how many connections, at least one; each is taken from the pool at its first batch */
    public HeldConnections(DataSource dataSource, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one connection, not " + count);
        }
        // one failure for them all: set by the failing batch before its rollback, looked at by every batch
        // before it starts and again before it commits
        AtomicReference<Throwable> writerFailed = new AtomicReference<>();
        List<HeldConnection> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            connections.add(new HeldConnection(dataSource, writerFailed));
        }
        this.held = List.copyOf(connections);
    }

    /** Which connection batch {@code n} (from 1) commits on: 0 to count - 1. */
    public int connectionOf(int n) {
        return (n - 1) % held.size();
    }

    /**
     * The connection batch {@code n} commits on, for a writer that runs more than one statement around its
     * batches' waits (the events pages, {@code PageTurn}); such a writer tells a failure with {@link #failed}.
     */
    public HeldConnection connection(int n) {
        return held.get(connectionOf(n));
    }

    /**
     * A batch failed: every connection is rolled back and given back now, each after its batch running
     * (so the caller must first release any batch that waits for the failed one), and none takes another.
     */
    public void failed(Throwable cause) {
        held.forEach(each -> each.failed(cause));
    }

    /** Runs batch {@code n} on its connection and commits it; a failure fails every connection, and is thrown as it was. */
    public <T> T commit(int n, HeldConnection.Batch<T> batch) throws SQLException {
        try {
            return held.get(connectionOf(n)).commit(batch);
        } catch (SQLException | RuntimeException | Error e) {
            // the others give their connections back now (each after the batch it is running) rather than at close
            failed(e);
            throw e;
        }
    }

    /** Gives every connection back (each after its batch running, if any), anything not committed rolled back. */
    @Override
    public void close() {
        held.forEach(HeldConnection::close);
    }
}
