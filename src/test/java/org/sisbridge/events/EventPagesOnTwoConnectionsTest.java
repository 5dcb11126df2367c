package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.HeldConnections;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The pages of a poll commit on two connections (sisbridge.events.writer-connections = 2, auto's choice on MariaDB),
 * page n's events inserted while page n - 1 commits, on each real database: pages that share an event
 * (a redelivery) stage it once and commit in feed order with the cursor at the last page; a page that
 * took a key lock its predecessor then waits for (which the key check cannot see coming, here forced by
 * handing the turns over as if they shared nothing) steps back instead of holding both for ever; a page
 * after a failed one never commits.
 */
class EventPagesOnTwoConnectionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static java.util.stream.Stream<DatabaseKind> databases() {
        return TestDatabases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pagesSharingEventsStageEachOnceInFeedOrder(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "events-two-connections");
        try (AgentFixture fixture = fixture(database)) {
            SisbridgeAgent agent = fixture.start();
            WriteBehindPages pages = agent.bean("eventPagesWriteBehind", WriteBehindPages.class);
            pages.startPoll();
            // page 2 repeats three events of page 1, page 3 one of page 2 and one of page 1
            pages.submit("111", null, page("c1", range(0, 50)));
            pages.submit("111", "c1", page("c2", concat(range(47, 50), range(50, 100))));
            pages.submit("111", "c2", page("c3", concat(List.of(event(60), event(10)), range(100, 150))));
            pages.submit("111", "c3", page("c4", range(150, 200)));
            pages.awaitPending();

            StagingQueries staged = database.queries();
            assertThat(staged.count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(200);
            assertThat(staged.count("SELECT COUNT(DISTINCT event_id) FROM idme_status_event")).isEqualTo(200);
            assertThat(staged.single("SELECT cursor_value FROM sisbridge_checkpoint WHERE flow = 'idme-events' AND scope = '111'"))
                    .isEqualTo("c4");
            EventsFlowStatistics.Snapshot counts = agent.bean("eventsFlowStatistics", EventsFlowStatistics.class).snapshot();
            assertThat(counts.received()).isEqualTo(205);
            assertThat(counts.stored()).isEqualTo(200);
            assertThat(counts.duplicates()).isEqualTo(5);
            // both connections given back once no page waits
            HikariDataSource pool = agent.bean("stagingDataSource", HikariDataSource.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPageHoldingAKeyItsPredecessorWaitsForStepsBack(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "events-step-back");
        try (AgentFixture fixture = fixture(database)) {
            SisbridgeAgent agent = fixture.start();
            EventPageWriter writer = agent.bean("eventPageWriter", EventPageWriter.class);
            EventPageWriter.CheckedPage first = writer.check(page("c1", range(0, 20)), null);
            EventPageWriter.CheckedPage second = writer.check(page("c2", concat(List.of(event(19)), range(20, 40))), "c1");
            PageTurn firstTurn = PageTurn.first();
            // as if the two shared no key: the second page inserts at once, and event 19 first
            PageTurn secondTurn = firstTurn.next(false, 300);
            try (HeldConnections connections = new HeldConnections(writer.dataSource(), 2)) {
                CompletableFuture<PageOutcome> later = insertedFirst(writer, second, connections, secondTurn);
                // the first page's insert waits for event 19's lock, which the second page lets go after 300 ms
                PageOutcome earlier = writer.commit("111", first, connections.connection(1), firstTurn);
                firstTurn.committed();
                PageOutcome outcome = later.get(60, TimeUnit.SECONDS);
                secondTurn.committed();

                assertThat(earlier.stored()).isEqualTo(20);
                assertThat(outcome.stored()).isEqualTo(20);
                assertThat(outcome.duplicates()).isEqualTo(1);
            }
            StagingQueries staged = database.queries();
            assertThat(staged.count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(40);
            assertThat(staged.single("SELECT cursor_value FROM sisbridge_checkpoint WHERE flow = 'idme-events' AND scope = '111'"))
                    .isEqualTo("c2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPageAfterAFailedOneIsRolledBackOnItsOwnConnection(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "events-after-failed");
        try (AgentFixture fixture = fixture(database)) {
            SisbridgeAgent agent = fixture.start();
            EventPageWriter writer = agent.bean("eventPageWriter", EventPageWriter.class);
            // the first page moves the cursor from "elsewhere", which the checkpoint does not hold: it fails
            EventPageWriter.CheckedPage first = writer.check(page("c1", range(0, 20)), "elsewhere");
            EventPageWriter.CheckedPage second = writer.check(page("c2", range(20, 40)), "c1");
            PageTurn firstTurn = PageTurn.first();
            PageTurn secondTurn = firstTurn.next(false, 60_000);
            try (HeldConnections connections = new HeldConnections(writer.dataSource(), 2)) {
                CompletableFuture<PageOutcome> later = insertedFirst(writer, second, connections, secondTurn);
                assertThatThrownBy(() -> writer.commit("111", first, connections.connection(1), firstTurn))
                        .isInstanceOf(SQLException.class);
                firstTurn.failed(new SQLException("checkpoint moved"));
                assertThatThrownBy(() -> later.get(60, TimeUnit.SECONDS))
                        .hasRootCauseMessage("checkpoint moved");
                secondTurn.failed(new SQLException("after a failed page"));
            }
            assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_event")).isZero();
            HikariDataSource pool = agent.bean("stagingDataSource", HikariDataSource.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
        }
    }

    /** The second page committed on the second connection, on a thread of its own; back once its insert has run. */
    private static CompletableFuture<PageOutcome> insertedFirst(EventPageWriter writer, EventPageWriter.CheckedPage page,
                                                                HeldConnections connections, PageTurn turn) {
        CompletableFuture<PageOutcome> later = CompletableFuture.supplyAsync(() -> {
            try {
                return writer.commit("111", page, connections.connection(2), turn);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(turn::hasInserted);
        return later;
    }

    private static AgentFixture fixture(TestDatabase database) {
        // the agent's beans on a real database; the test hands the pages over itself
        return new AgentFixture(new SimulatorSettings(), database)
                .property("sisbridge.events.enabled", false)
                // two on every database here, whatever auto would choose
                .property("sisbridge.events.writer-connections", 2)
                .property("sisbridge.events.pages-in-flight", 3)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false);
    }

    private static EventPage page(String nextCursor, List<JsonNode> events) {
        return new EventPage(events, nextCursor, true);
    }

    private static List<JsonNode> range(int from, int to) {
        List<JsonNode> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(event(i));
        }
        return events;
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static JsonNode event(int i) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("cccid", "ABC" + (1000 + i));
        payload.put("idme_status", "verified");
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", String.format("%032x", i + 1));
        e.put("eventType", "UPDATE_PROFILE");
        e.put("eventTimestamp", "2024-01-15T18:22:03.123Z");
        e.put("misCode", "111");
        e.put("eventPayload", payload.toString());
        return e;
    }
}
