package org.sisbridge.runtime;

import java.util.Set;

/** The MIS codes this agent acts for ({@code sisbridge.mis-codes}), validated at start-up. */
public record MisCodes(Set<String> values) {

    public boolean contains(String misCode) {
        return values.contains(misCode);
    }
}
