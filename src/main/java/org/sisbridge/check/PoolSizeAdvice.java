package org.sisbridge.check;

import java.util.Optional;
import org.sisbridge.runtime.AgentProperties;

/**
 * A staging pool smaller than what the flows may hold at once: the events writer one through a poll, a
 * report load from the drop folder and one from upstream their writer connections each, and one for
 * the rest (the roster, the staff pages, readiness). A flow short of a connection waits the pool's
 * timeout and fails, which reads like a database fault; said at start and by {@code check} instead.
 */
public final class PoolSizeAdvice {

    private PoolSizeAdvice() {
    }

    public static Optional<String> of(AgentProperties config) {
        String pool = config.textOrEmpty("sisbridge.staging.pool-size");
        String writers = config.textOrEmpty("sisbridge.reports.writer-connections");
        if (!pool.matches("\\d{1,9}") || !writers.matches("\\d{1,9}")) {
            return Optional.empty(); // the configuration check says what is wrong with them
        }
        int needed = 1 + 2 * Integer.parseInt(writers) + 1;
        if (Integer.parseInt(pool) >= needed) {
            return Optional.empty();
        }
        return Optional.of("sisbridge.staging.pool-size is " + pool + ", but the flows may hold " + needed
                + " connections at once (the events writer 1, two report loads " + writers + " each"
                + " (sisbridge.reports.writer-connections), 1 for the rest); a flow left without one waits"
                + " sisbridge.staging.connection-timeout-ms and fails. Raise the pool size to " + needed
                + " or lower sisbridge.reports.writer-connections.");
    }
}
