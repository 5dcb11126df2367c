package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a page failed to commit, no later page commits in the same poll, however often the hand-over
 * is retried: before issue 11's fix, a retried hand-over found the failure already cleared and
 * committed the next page in the failed one's place.
 */
class WriteBehindPagesTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    /** Commits by remembering the page's cursor; fails the page whose cursor is "p2". */
    static final class RecordingWriter extends EventPageWriter {
        final List<String> committed = new CopyOnWriteArrayList<>();

        RecordingWriter() {
            super(null, null, null, null, null, null, null, null, null);
        }

        @Override
        public CheckedPage check(EventPage page, String fromCursor) {
            return new CheckedPage(page, fromCursor, List.of(), null, List.of());
        }

        @Override
        public PageOutcome commit(String misCode, CheckedPage checked) throws SQLException {
            if ("p2".equals(checked.page().nextCursor())) {
                throw new SQLException("read timed out");
            }
            committed.add(checked.page().nextCursor());
            return new PageOutcome(misCode, 0, 0, 0, Map.of(), 0, 0, true);
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
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
