package org.sisbridge.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last success and the last failure of every flow and scope (a MIS code, a report, a batch),
 * for the operator's status view and for tests. Flows report here; nothing here decides anything.
 */
public class FlowActivity {

    private final Clock clock;
    private final Map<String, Entry> entries = new TreeMap<>();

    public FlowActivity(Clock clock) {
        this.clock = clock;
    }

    public synchronized void success(String flow, String scope) {
        entries.compute(flow + "/" + scope, (k, old) -> new Entry(clock.instant(), old == null ? null : old.lastFailureAt,
                old == null ? null : old.lastFailure));
    }

    public synchronized void failure(String flow, String scope, String message) {
        entries.compute(flow + "/" + scope, (k, old) -> new Entry(old == null ? null : old.lastSuccessAt, clock.instant(), message));
    }

    /** @return the message of the last failure of that flow and scope, or null when it never failed */
    public synchronized String lastFailure(String flow, String scope) {
        Entry entry = entries.get(flow + "/" + scope);
        return entry == null ? null : entry.lastFailure;
    }

    public synchronized Map<String, Entry> snapshot() {
        return new TreeMap<>(entries);
    }

    public record Entry(Instant lastSuccessAt, Instant lastFailureAt, String lastFailure) {
    }
}
