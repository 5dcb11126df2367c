package org.sisbridge.dictionary;

import java.util.Locale;
import java.util.Set;

/**
 * ID.me workflow status values. Blank or null means "never verified" and is only legal as a
 * previous status; it is represented as {@code null} everywhere in the agent.
 */
public final class IdmeStatus {

    public static final Set<String> VALUES = Set.of("verified", "staff_verified", "unverified", "expired");

    private IdmeStatus() {
    }

    /** Blank becomes null; other values are trimmed and lower-cased so that "Verified" is accepted. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isKnown(String normalized) {
        return normalized != null && VALUES.contains(normalized);
    }
}
