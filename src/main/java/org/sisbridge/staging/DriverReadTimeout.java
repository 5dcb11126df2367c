package org.sisbridge.staging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The driver's own read timeout, from sisbridge.staging.read-timeout-ms, unless the JDBC URL sets one.
 * A server that stops answering without closing the connection (a hung server, a middlebox that still
 * acknowledges) held the events writer in a socket read for as long as it lasted: in an audit, five
 * minutes of a frozen PostgreSQL with no line and no state for the flow, because the drivers wait for
 * ever by default. With a read timeout the statement fails, the poll ends with one line and a state on
 * the status page, and the next poll starts again from the last commit.
 *
 * <p>H2 runs in the agent's process (or, over TCP, has no such property): nothing to set.
 */
final class DriverReadTimeout {

    private DriverReadTimeout() {
    }

    /** @return the connection property and its value, or empty (none configured, H2, or the URL sets its own) */
    static Optional<Map.Entry<String, String>> property(StagingDatabase database, String jdbcUrl, long timeoutMs) {
        if (timeoutMs <= 0) {
            return Optional.empty();
        }
        Map.Entry<String, String> property = switch (database) {
            // PostgreSQL counts in seconds (0 would mean none: at least one)
            case POSTGRESQL -> Map.entry("socketTimeout", String.valueOf(Math.max(1, (timeoutMs + 999) / 1000)));
            case MARIADB, SQLSERVER -> Map.entry("socketTimeout", String.valueOf(timeoutMs));
            case ORACLE -> Map.entry("oracle.jdbc.ReadTimeout", String.valueOf(timeoutMs));
            case H2 -> null;
        };
        if (property == null || jdbcUrl.toLowerCase(Locale.ROOT).contains(property.getKey().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(property);
    }
}
