package org.sisbridge.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.runtime.FlowActivity;

/**
 * The {@code sisbridge.roster.source.*} keys, checked at start-up. The query comes from {@code sql}
 * or, when that is empty, from the file {@code sql-file} names (a multi-line query reads better
 * there); it is parsed (and its parameters checked) even while the flow is off, so a mistake shows
 * at start-up, not on the day the flow is turned on.
 */
record RosterSourceSettings(boolean enabled, RosterSourceQuery query, long maxStudentsPerRun) {

    static RosterSourceSettings read(AgentProperties config) {
        boolean enabled = config.flag("sisbridge.roster.source.enabled");
        String text = config.textOrEmpty("sisbridge.roster.source.sql");
        String file = config.textOrEmpty("sisbridge.roster.source.sql-file");
        try {
            if (text.isEmpty() && !file.isEmpty()) {
                text = Files.readString(Path.of(config.text("sisbridge.home")).resolve(file), StandardCharsets.UTF_8);
            }
            if (text.isBlank()) {
                if (enabled) {
                    throw new IllegalArgumentException("sisbridge.roster.source.enabled is true, but neither"
                            + " sisbridge.roster.source.sql nor sisbridge.roster.source.sql-file gives the query");
                }
                return new RosterSourceSettings(false, null, 0);
            }
            return new RosterSourceSettings(enabled, RosterSourceQuery.parse(text, config.integer("sisbridge.roster.source.fetch-size"),
                    config.integer("sisbridge.roster.source.query-timeout-seconds")),
                    config.integer("sisbridge.roster.source.max-students-per-run"));
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of("sisbridge.roster.source.sql-file (" + file + "): cannot be read ("
                    + e + ")"));
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
