package org.sisbridge.roster;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.sis.ConfiguredSql;

/**
 * The {@code sisbridge.roster.source.*} keys, checked at start-up. The query is read as every college
 * statement is ({@link ConfiguredSql}): inline in {@code sql}, or from the file {@code sql-file} names,
 * relative to the install directory (a multi-line query reads better there), never both; it is parsed
 * (and its parameters checked) even while the flow is off, so a mistake shows at start-up, not on the
 * day the flow is turned on.
 */
record RosterSourceSettings(boolean enabled, RosterSourceQuery query, long maxStudentsPerRun) {

    private static final String PREFIX = "sisbridge.roster.source";

    static RosterSourceSettings read(AgentProperties config) {
        boolean enabled = config.flag(PREFIX + ".enabled");
        if (config.textOrEmpty(PREFIX + ".sql").isBlank() && config.textOrEmpty(PREFIX + ".sql-file").isBlank()) {
            if (enabled) {
                throw new InvalidConfigurationException(List.of(PREFIX + ".enabled is true, but neither " + PREFIX + ".sql nor "
                        + PREFIX + ".sql-file gives the query"));
            }
            return new RosterSourceSettings(false, null, 0);
        }
        try {
            return new RosterSourceSettings(enabled, RosterSourceQuery.of(ConfiguredSql.read(config, PREFIX, RosterSourceQuery.PARAMETERS),
                    config.integer(PREFIX + ".fetch-size"), config.integer(PREFIX + ".query-timeout-seconds")),
                    config.integer(PREFIX + ".max-students-per-run"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        }
    }

    /** The bean the route calls; with no query configured (the flow off), one that says so if ever called. */
    RosterSourceRun run(DataSource dataSource, CccidRequestTable requests, RosterValidator validator, int chunkSize, Clock clock,
                        FlowActivity activity) {
        RosterSourceQuery q = query == null ? RosterSourceQuery.notConfigured() : query;
        return new RosterSourceRun(dataSource, q, new RosterSourceEnqueuer(dataSource, requests, new CccidSourceStudentTable(),
                validator, clock), chunkSize, Math.max(1, maxStudentsPerRun), activity);
    }
}
