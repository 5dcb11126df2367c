package org.sisbridge.events;

import java.util.Map;
import org.sisbridge.dictionary.RejectReason;

/**
 * What one committed page did: events received, newly stored, already stored (duplicates),
 * newly rejected by reason, stored with an undocumented transition or event type.
 */
public record PageOutcome(String misCode, int received, int stored, int duplicates, Map<RejectReason, Integer> rejected,
                          int undocumentedTransitions, int unknownEventTypes, boolean hasMore) {

    public int rejectedTotal() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }
}
