package org.sisbridge.dictionary;

import java.util.HashSet;
import java.util.Set;

/**
 * Which status changes the college treats as documented. Built from configuration
 * ({@code sisbridge.transitions.valid}) because policy belongs to the college, not to code.
 * An undocumented change is still stored, flagged {@code transition_valid = false}.
 */
public final class StatusTransitionPolicy {

    private static final String NEVER = "null";
    private final Set<String> validPairs = new HashSet<>();

    /** @param spec comma-separated {@code from>to} pairs, {@code null} standing for never verified */
    public static StatusTransitionPolicy parse(String spec) {
        StatusTransitionPolicy policy = new StatusTransitionPolicy();
        for (String pair : spec.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split(">");
            if (parts.length != 2) {
                throw new IllegalArgumentException("sisbridge.transitions.valid: '" + trimmed
                        + "' is not a from>to pair (example: verified>expired)");
            }
            String from = parts[0].trim().toLowerCase();
            String to = parts[1].trim().toLowerCase();
            requireStatus(from, true, trimmed);
            requireStatus(to, false, trimmed);
            policy.validPairs.add(from + ">" + to);
        }
        return policy;
    }

    private static void requireStatus(String status, boolean nullAllowed, String pair) {
        boolean ok = IdmeStatus.isKnown(status) || (nullAllowed && NEVER.equals(status));
        if (!ok) {
            throw new IllegalArgumentException("sisbridge.transitions.valid: unknown status '" + status
                    + "' in '" + pair + "'; known: " + IdmeStatus.VALUES + (nullAllowed ? " or null" : ""));
        }
    }

    /** @param from normalized previous status, null when never verified */
    public boolean isDocumented(String from, String to) {
        return validPairs.contains((from == null ? NEVER : from) + ">" + to);
    }
}
