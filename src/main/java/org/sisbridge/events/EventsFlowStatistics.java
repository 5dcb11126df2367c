package org.sisbridge.events;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.sisbridge.dictionary.RejectReason;

/**
 * Running totals of the events flow since start-up, for the log, the demo summary and the
 * operator. Updated only after a page has committed, so the totals never count rolled-back work.
 */
public class EventsFlowStatistics {

    private long pages;
    private long received;
    private long stored;
    private long duplicates;
    private long undocumentedTransitions;
    private long unknownEventTypes;
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, Boolean> caughtUp = new HashMap<>();

    public synchronized void record(PageOutcome page) {
        pages++;
        received += page.received();
        stored += page.stored();
        duplicates += page.duplicates();
        undocumentedTransitions += page.undocumentedTransitions();
        unknownEventTypes += page.unknownEventTypes();
        page.rejected().forEach((reason, n) -> rejected.merge(reason, (long) n, Long::sum));
        caughtUp.put(page.misCode(), !page.hasMore());
    }

    /** True once the last committed page of every given MIS code said there was nothing more. */
    public synchronized boolean caughtUp(Iterable<String> misCodes) {
        for (String mis : misCodes) {
            if (!caughtUp.getOrDefault(mis, false)) {
                return false;
            }
        }
        return true;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(pages, received, stored, duplicates, new EnumMap<>(rejected), undocumentedTransitions,
                unknownEventTypes);
    }

    public record Snapshot(long pages, long received, long stored, long duplicates, Map<RejectReason, Long> rejected,
                           long undocumentedTransitions, long unknownEventTypes) {
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
