package org.sisbridge.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ID.me status transitions the seed documentation lists. The simulator's normal events follow
 * only these; its UNDOCUMENTED_TRANSITION anomaly deliberately steps outside them.
 */
final class DocumentedTransitions {
    static final String VERIFIED = "verified";
    static final String STAFF_VERIFIED = "staff_verified";
    static final String UNVERIFIED = "unverified";
    static final String EXPIRED = "expired";

    /** Key null = never verified. */
    private static final Map<String, List<String>> NEXT = new HashMap<>();

    static {
        NEXT.put(null, List.of(VERIFIED));
        NEXT.put(VERIFIED, List.of(UNVERIFIED, EXPIRED));
        NEXT.put(UNVERIFIED, List.of(VERIFIED, EXPIRED));
        NEXT.put(STAFF_VERIFIED, List.of(UNVERIFIED, VERIFIED, EXPIRED));
        NEXT.put(EXPIRED, List.of());
    }

    /** Transitions outside the table, still with a changed status, for the UNDOCUMENTED_TRANSITION anomaly. */
    static final List<String[]> UNDOCUMENTED = List.of(
            new String[] {EXPIRED, VERIFIED},
            new String[] {VERIFIED, STAFF_VERIFIED},
            new String[] {UNVERIFIED, STAFF_VERIFIED},
            new String[] {EXPIRED, UNVERIFIED},
            new String[] {null, EXPIRED},
            new String[] {null, UNVERIFIED});

    private DocumentedTransitions() {
    }

    static List<String> nextFrom(String previous) {
        return NEXT.getOrDefault(previous, List.of());
    }

    static boolean isDocumented(String previous, String next) {
        return nextFrom(previous).contains(next);
    }
}
