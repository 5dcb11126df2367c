package org.sisbridge.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outbox rows whose status is none the agent documents (a SIS-side HOLD, a typo, NULL): they are
 * never sent, so {@code status} and the status page say how many there are and what to do, rather
 * than leave them out of a table of the known statuses (issue 12: no row ignored in silence).
 */
public final class UnknownOutboxStatuses {

    /** The statuses of the outbox, in the order they are shown. */
    public static final List<String> DOCUMENTED = List.of("PENDING", "SENT", "DONE", "REJECTED", "ERROR");
    /** How a NULL status is counted. */
    public static final String NONE = "(none)";
    private static final int SHOWN_CHARS = 30;

    private UnknownOutboxStatuses() {
    }

    /** The counts of the statuses that are not documented, each value cut to a readable length. */
    public static Map<String, Long> of(Map<String, Long> byStatus) {
        Map<String, Long> unknown = new LinkedHashMap<>();
        byStatus.forEach((status, count) -> {
            if (!DOCUMENTED.contains(status)) {
                String shown = status == null ? NONE : status.length() > SHOWN_CHARS ? status.substring(0, SHOWN_CHARS) + "..." : status;
                unknown.merge("'" + shown + "'", count, Long::sum);
            }
        });
        return unknown;
    }

    /** One sentence, or null when every row has a documented status. */
    public static String sentence(Map<String, Long> byStatus) {
        Map<String, Long> unknown = of(byStatus);
        if (unknown.isEmpty()) {
            return null;
        }
        long total = unknown.values().stream().mapToLong(Long::longValue).sum();
        return total + " outbox row(s) have a status the agent does not know (" + unknown.toString().replaceAll("[{}]", "")
                + ") and are never sent; the SIS sets status = 'PENDING' to queue a student";
    }
}
