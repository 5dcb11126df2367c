package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A held connection serves one batch at a time whatever the threads: a reading thread that gives it
 * back (interrupted, say) while the writer thread commits a batch waits for that commit, and no batch
 * runs after it, so none can take a connection nobody gives back or commit on one in an unknown state.
 */
class HeldConnectionTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger taken = new AtomicInteger();

    @Test
    void givingTheConnectionBackWaitsForTheBatchRunningAndNoBatchRunsAfterIt() throws Exception {
        HeldConnection held = new HeldConnection(dataSource());
        CountDownLatch batchStarted = new CountDownLatch(1);
        CountDownLatch finishBatch = new CountDownLatch(1);
        CompletableFuture<String> writer = CompletableFuture.supplyAsync(() -> {
            try {
                return held.commit(connection -> {
                    batchStarted.countDown();
                    waitFor(finishBatch);
                    calls.add("batch done");
                    return "committed";
                });
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(batchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Thread reader = new Thread(held::close, "reader giving the connection back");
        reader.start();
        // the reader is parked on the holder while the batch runs
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.BLOCKED);
        finishBatch.countDown();
        reader.join(10_000);

        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo("committed");
        assertThat(calls).containsExactly("setAutoCommit false", "batch done", "commit", "rollback", "setAutoCommit true",
                "close");
        assertThatThrownBy(() -> held.commit(connection -> "late")).isInstanceOf(SQLException.class)
                .hasMessageContaining("gave its connection back");
        assertThat(taken.get()).isEqualTo(1);
    }

    @Test
    void aFailedBatchIsRolledBackTheConnectionGivenBackAndNoLaterBatchRuns() throws Exception {
        HeldConnection held = new HeldConnection(dataSource());
        assertThat(held.<Integer>commit(connection -> 1)).isEqualTo(1);
        assertThatThrownBy(() -> held.commit(connection -> {
            throw new SQLException("read timed out");
        })).hasMessage("read timed out");
        assertThatThrownBy(() -> held.commit(connection -> 3)).hasMessageContaining("an earlier batch on this connection failed");
        held.close();

        assertThat(calls).containsExactly("setAutoCommit false", "commit", "rollback", "setAutoCommit true", "close");
        assertThat(taken.get()).isEqualTo(1);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connections that record what is asked of them. */
    private DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!"getConnection".equals(method.getName())) {
                        return null;
                    }
                    taken.incrementAndGet();
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                calls.add(m.getName() + (a != null && a.length == 1 && a[0] instanceof Boolean b ? " " + b : ""));
                                return m.getReturnType() == boolean.class ? false : null;
                            });
                });
    }
}
