package org.sisbridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.staging.CheckpointStore;
import org.sisbridge.staging.HeldConnection;
import org.sisbridge.staging.KeyedInsert;
import org.sisbridge.staging.Reject;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.watch.FlowMetrics;

/**
 * Stages one page in one transaction: its good events, its rejects, and the cursor that follows
 * the page. Either all three commit or none does, so a crash anywhere leaves the feed to be read
 * again from the last committed cursor, and the keys make the re-read change nothing.
 */
public class EventPageWriter {

    public static final String FLOW = "idme-events";

    private final DataSource dataSource;
    private final EventValidator validator;
    private final IdmeEventTable eventTable;
    private final RejectWriter rejectWriter;
    private final CheckpointStore checkpoints;
    private final EventsFlowStatistics statistics;
    private final FlowActivity activity;
    private final FlowMetrics metrics;
    private final Clock clock;
    private final OnChangeHook onChange;

    public EventPageWriter(DataSource dataSource, EventValidator validator, IdmeEventTable eventTable,
                           RejectWriter rejectWriter, CheckpointStore checkpoints, EventsFlowStatistics statistics,
                           FlowActivity activity, FlowMetrics metrics, Clock clock) {
        this(dataSource, validator, eventTable, rejectWriter, checkpoints, statistics, activity, metrics, clock, OnChangeHook.off());
    }

    /** @param onChange the college's statement for each newly staged change of a configured status, in the page's transaction */
    public EventPageWriter(DataSource dataSource, EventValidator validator, IdmeEventTable eventTable,
                           RejectWriter rejectWriter, CheckpointStore checkpoints, EventsFlowStatistics statistics,
                           FlowActivity activity, FlowMetrics metrics, Clock clock, OnChangeHook onChange) {
        this.onChange = onChange;
        this.dataSource = dataSource;
        this.validator = validator;
        this.eventTable = eventTable;
        this.rejectWriter = rejectWriter;
        this.checkpoints = checkpoints;
        this.statistics = statistics;
        this.activity = activity;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The page's events sorted into good and bad: no database work, so it can run ahead of {@link #commit}.
     *
     * @param fromCursor the cursor the page was fetched with (null: the feed's start); its commit moves
     *                   the checkpoint only from there
     */
    public CheckedPage check(EventPage page, String fromCursor) {
        List<IdmeEvent> accepted = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        for (JsonNode raw : page.events()) {
            EventCheck check = validator.check(raw);
            if (check instanceof EventCheck.Accepted ok) {
                accepted.add(ok.event());
            } else if (check instanceof EventCheck.Rejected bad) {
                rejects.add(bad.reject());
            }
        }
        // made ready to stage here too (grouped by key, and on PostgreSQL the COPY text), so that the writer
        // thread only talks to the database
        return new CheckedPage(page.header(), fromCursor, accepted, eventTable.prepare(accepted, LocalDateTime.now(clock)), rejects);
    }

    /**
     * A page after validation, before staging, with the cursor it was fetched with. It keeps the page's
     * header only: the JSON trees are not needed past the check, and a page waits for its writer.
     * <p>
     * Equal only to itself, like {@link EventPage}: the route hands it to a bean, and Camel hashes the body.
     */
    public record CheckedPage(EventPage.Header page, String fromCursor, List<IdmeEvent> accepted,
                              KeyedInsert.Prepared<IdmeEvent> prepared, List<Reject> rejects) {

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** The staging pool the pages' connections ({@link HeldConnection}) come from. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Stages a checked page, its rejects, its cursor and its run row in one transaction, on the poll's
     * held connection; a failure rolls the page back and gives the connection up.
     *
     * @param misCode the college whose feed the page came from (the checkpoint's scope)
     */
    public PageOutcome commit(String misCode, CheckedPage checked, HeldConnection held) throws SQLException {
        return commit(misCode, checked, held, PageTurn.first());
    }

    /**
     * As {@link #commit(String, CheckedPage, HeldConnection)}, for a page that may be in flight beside the
     * one before it on another connection: it inserts its events, then waits for its {@code turn} (the
     * previous page committed) before anything that page's commit could have to come first.
     */
    public PageOutcome commit(String misCode, CheckedPage checked, HeldConnection held, PageTurn turn) throws SQLException {
        EventPage.Header page = checked.page();
        long started = System.nanoTime();
        // a failure rolls the page back; on a broken connection the rollback fails too ("connection is
        // closed"): the page's own failure (a read timeout, say) is what the poll's line must say, so it is thrown
        PageOutcome outcome = held.commit(connection -> {
            turn.awaitInsertTurn();
            // the page's first statement: a refused insert may roll back the whole transaction, no savepoint needed
            List<IdmeEvent> stored = eventTable.insertNew(connection, checked.prepared().openingItsTransaction());
            turn.inserted();
            if (!turn.awaitCommitTurnOrStepBack()) {
                // the page before may be waiting for a lock this insert took: let it go, and insert after its commit
                connection.rollback();
                turn.awaitCommitTurn();
                stored = eventTable.insertNew(connection, checked.prepared().openingItsTransaction());
            }
            // only the changes staged now: a redelivered event ran the statement when it was first staged
            onChange.run(connection, stored);
            List<Reject> newRejects = rejectWriter.write(connection, checked.rejects());
            // compare-and-set: a page whose predecessor did not commit can never move the cursor past it
            checkpoints.advance(connection, FLOW, misCode, checked.fromCursor(), page.cursorAfter(checked.fromCursor()));
            PageOutcome counted = outcome(misCode, page, stored, newRejects);
            activity.record(connection, FLOW, misCode, counts(counted));
            return counted;
        });
        statistics.record(outcome);
        metrics.batch(FlowMetrics.EVENTS, outcome.received(), outcome.stored(), outcome.duplicates(), outcome.rejected(),
                System.nanoTime() - started);
        activity.committed(FLOW, misCode, counts(outcome));
        return outcome;
    }

    private static BatchCounts counts(PageOutcome outcome) {
        return new BatchCounts(outcome.received(), outcome.stored(), outcome.duplicates(), outcome.rejectedTotal());
    }

    private static PageOutcome outcome(String misCode, EventPage.Header page, List<IdmeEvent> stored, List<Reject> newRejects) {
        Map<RejectReason, Integer> byReason = new EnumMap<>(RejectReason.class);
        newRejects.forEach(r -> byReason.merge(r.reason(), 1, Integer::sum));
        int undocumented = (int) stored.stream().filter(e -> !e.transitionValid()).count();
        int unknownTypes = (int) stored.stream().filter(e -> !e.documentedEventType()).count();
        int received = page.received();
        return new PageOutcome(misCode, received, stored.size(), received - stored.size() - newRejects.size(),
                byReason, undocumented, unknownTypes, page.hasMore());
    }
}
