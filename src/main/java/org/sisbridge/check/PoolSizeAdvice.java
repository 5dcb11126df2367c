package org.sisbridge.check;

import java.util.Optional;
import org.sisbridge.events.EventWriterConnections;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.StagingDatabase;

/**
 * A staging pool smaller than what the flows may hold at once: the events writer its writer
 * connections through a poll, each report load that may run at the same time (from the drop folder,
 * from upstream, and from the mailbox where it is on) its writer connections, and one for the rest
 * (the roster, the staff pages, readiness). A flow short of a connection waits the pool's timeout and
 * fails, which reads like a database fault; said at start and by {@code check} instead.
 */
public final class PoolSizeAdvice {

    private PoolSizeAdvice() {
    }

    public static Optional<String> of(AgentProperties config) {
        String pool = config.textOrEmpty("sisbridge.staging.pool-size");
        String reports = config.textOrEmpty("sisbridge.reports.writer-connections");
        Optional<Integer> events = eventWriters(config);
        if (!pool.matches("\\d{1,9}") || !reports.matches("\\d{1,9}") || events.isEmpty()) {
            return Optional.empty(); // the configuration check says what is wrong with them
        }
        int loads = "true".equalsIgnoreCase(config.textOrEmpty("sisbridge.reports.mailbox.enabled").trim()) ? 3 : 2;
        int needed = events.get() + loads * Integer.parseInt(reports) + 1;
        if (Integer.parseInt(pool) >= needed) {
            return Optional.empty();
        }
        return Optional.of("sisbridge.staging.pool-size is " + pool + ", but the flows may hold " + needed
                + " connections at once (the events writer " + events.get() + " (sisbridge.events.writer-connections), "
                + loads + " report loads " + reports + " each (sisbridge.reports.writer-connections"
                + (loads == 3 ? ", the mailbox on" : "") + "), 1 for the rest); a flow left without one waits"
                + " sisbridge.staging.connection-timeout-ms and fails. Raise the pool size to " + needed
                + " or lower the writer connections.");
    }

    /** The events writer's connections as the agent will resolve them; empty when the settings do not parse. */
    private static Optional<Integer> eventWriters(AgentProperties config) {
        String setting = config.textOrEmpty("sisbridge.events.writer-connections");
        if (!setting.trim().matches("(?i)auto|\\d{1,9}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventWriterConnections.of(setting, StagingDatabase.fromSetting(
                    config.textOrEmpty("sisbridge.staging.database"), config.textOrEmpty("sisbridge.staging.jdbc-url"))));
        } catch (RuntimeException unknownDatabase) {
            return Optional.empty();
        }
    }
}
