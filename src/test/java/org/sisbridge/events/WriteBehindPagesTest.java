package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sisbridge.staging.HeldConnection;

/**
 * After a page failed to commit, no later page commits in the same poll, however often the hand-over
 * is retried: before issue 11's fix, a retried hand-over found the failure already cleared and
 * committed the next page in the failed one's place.
 */
class WriteBehindPagesTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    /** The second connection's writer, for the tests on two connections. */
    private final ExecutorService second = Executors.newSingleThreadExecutor();

    /**
     * Commits by taking the held connection and remembering the page's cursor; fails the page whose
     * cursor is "p2"; holds the page "slow" until {@link #release} opens.
     */
    static class RecordingWriter extends EventPageWriter {
        final List<String> committed = new CopyOnWriteArrayList<>();
        final List<String> inserted = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        RecordingWriter(DataSource dataSource) {
            super(dataSource, null, null, null, null, null, null, null, null);
        }

        RecordingWriter() {
            this(new CountingDataSource().dataSource());
        }

        @Override
        public CheckedPage check(EventPage page, String fromCursor) {
            return new CheckedPage(page.header(), fromCursor, List.of(), null, List.of());
        }

        @Override
        public PageOutcome commit(String misCode, CheckedPage checked, HeldConnection held, PageTurn turn) throws SQLException {
            return held.commit(connection -> {
                // as the real writer: the page's insert, then its turn to go on once the page before committed
                turn.awaitInsertTurn();
                inserted.add(checked.page().nextCursor());
                turn.inserted();
                turn.awaitCommitTurn();
                if ("slow".equals(checked.page().nextCursor())) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if ("p2".equals(checked.page().nextCursor())) {
                    throw new SQLException("read timed out");
                }
                committed.add(checked.page().nextCursor());
                return new PageOutcome(misCode, 0, 0, 0, Map.of(), 0, 0, true);
            });
        }
    }

    /** Connections that do nothing, counted as they are taken and given back. */
    static final class CountingDataSource {
        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> "getConnection".equals(method.getName()) ? connection() : null);
        }

        private Connection connection() {
            taken.incrementAndGet();
            open.incrementAndGet();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if ("close".equals(method.getName())) {
                            open.decrementAndGet();
                        }
                        return method.getReturnType() == boolean.class ? false : null;
                    });
        }
    }

    @Test
    void thePagesOfAPollCommitOnOneConnectionGivenBackWhenNoPageWaits() throws Exception {
        CountingDataSource pool = new CountingDataSource();
        RecordingWriter writer = new RecordingWriter(pool.dataSource());
        WriteBehindPages pages = new WriteBehindPages(writer, executor, 3);
        pages.startPoll();
        // the first page is held on the writer until the others wait behind it
        pages.submit("111", null, page("slow"));
        pages.submit("111", "slow", page("p3"));
        pages.submit("111", "p3", page("p4"));
        writer.release.countDown();
        pages.awaitPending();
        assertThat(writer.committed).containsExactly("slow", "p3", "p4");
        assertThat(pool.taken.get()).isEqualTo(1);
        assertThat(pool.open.get()).isZero();

        // a caught-up feed: one page a poll, its connection given back after it
        pages.startPoll();
        pages.submit("111", "p4", page("p5"));
        pages.awaitPending();
        assertThat(pool.taken.get()).isEqualTo(2);
        assertThat(pool.open.get()).isZero();
    }

    @Test
    void onTwoConnectionsALaterPageInsertsAtOnceButCommitsOnlyAfterTheOneBefore() throws Exception {
        CountingDataSource pool = new CountingDataSource();
        RecordingWriter writer = new RecordingWriter(pool.dataSource());
        WriteBehindPages pages = new WriteBehindPages(writer, List.of(executor, second), 3, 60_000);
        pages.startPoll();
        // the first page is held on its connection; the second runs on the other one meanwhile
        pages.submit("111", null, page("slow"));
        pages.submit("111", "slow", page("q2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.inserted.contains("q2"));
        assertThat(writer.committed).isEmpty();
        assertThat(pool.taken.get()).isEqualTo(2);

        writer.release.countDown();
        pages.submit("111", "q2", page("q3"));
        pages.awaitPending();
        assertThat(writer.committed).containsExactly("slow", "q2", "q3");
        assertThat(pool.open.get()).isZero();
    }

    /** On one connection or two: nothing commits after the failed page, and every connection is given back. */
    @ParameterizedTest(name = "{0} writer connection(s)")
    @ValueSource(ints = {1, 2})
    void aFailedPageGivesItsConnectionsBackAndNothingAfterItCommits(int connections) throws Exception {
        CountingDataSource pool = new CountingDataSource();
        RecordingWriter writer = new RecordingWriter(pool.dataSource());
        WriteBehindPages pages = new WriteBehindPages(writer, connections == 1 ? List.of(executor) : List.of(executor, second),
                connections + 1, 60_000);
        pages.startPoll();
        pages.submit("111", null, page("p1"));
        try {
            pages.submit("111", "p1", page("p2"));
            pages.submit("111", "p2", page("p3"));
        } catch (SQLException failedPage) {
            assertThat(failedPage.getMessage()).isEqualTo("read timed out");
        }
        // the poll is told the failed page's own error, not its successor's
        assertThatThrownBy(pages::awaitPending).hasMessage("read timed out");
        assertThat(writer.committed).containsExactly("p1");
        assertThat(pool.open.get()).isZero();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        second.shutdownNow();
    }

    @Test
    void nothingCommitsAfterAFailedPageUntilTheNextPollReadsTheCursorAgain() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        WriteBehindPages pages = new WriteBehindPages(writer, executor);
        pages.startPoll();
        pages.submit("111", null, page("p1"));
        pages.submit("111", "p1", page("p2"));
        // page 2 fails while page 3 is handed over; the error policy may retry the hand-over
        assertThatThrownBy(() -> pages.submit("111", "p2", page("p3"))).hasMessage("read timed out");
        assertThatThrownBy(() -> pages.submit("111", "p2", page("p3"))).hasMessage("read timed out");
        assertThatThrownBy(pages::awaitPending).hasMessage("read timed out");
        assertThat(writer.committed).containsExactly("p1");

        // the next poll starts from the stored cursor (p1) and commits normally
        pages.startPoll();
        pages.submit("111", "p1", page("p2-again"));
        pages.awaitPending();
        assertThat(writer.committed).containsExactly("p1", "p2-again");
    }

    @Test
    void withTwoPagesInFlightThePageQueuedBehindAFailedOneIsNeverCommitted() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        WriteBehindPages pages = new WriteBehindPages(writer, executor, 2);
        pages.startPoll();
        pages.submit("111", null, page("p1"));
        pages.submit("111", "p1", page("p2"));
        // p3 may be queued behind p2 before p2 fails: it is skipped on the writer thread, not committed
        try {
            pages.submit("111", "p2", page("p3"));
            pages.submit("111", "p3", page("p4"));
        } catch (SQLException failedPage) {
            assertThat(failedPage.getMessage()).isEqualTo("read timed out");
        }
        assertThatThrownBy(pages::awaitPending).hasMessage("read timed out");
        assertThatThrownBy(() -> pages.submit("111", "p3", page("p4"))).hasMessage("read timed out");
        assertThat(writer.committed).containsExactly("p1");

        pages.startPoll();
        pages.submit("111", "p1", page("p2-again"));
        pages.submit("111", "p2-again", page("p3-again"));
        pages.awaitPending();
        assertThat(writer.committed).containsExactly("p1", "p2-again", "p3-again");
    }

    private static EventPage page(String nextCursor) {
        return new EventPage(List.of(), nextCursor, true);
    }
}
