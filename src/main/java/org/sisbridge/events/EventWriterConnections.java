package org.sisbridge.events;

import org.sisbridge.staging.StagingDatabase;

/**
 * How many connections the pages of a poll commit on (sisbridge.events.writer-connections). {@code auto}
 * is two on MariaDB/MySQL, where one connection left the server idle while the writer bound and sent
 * the next page (0.83 of the plain batch insert on one connection, 1.01 on two), and one elsewhere: on
 * PostgreSQL a second backend competed with the agent for the cores and the pipeline was about a tenth
 * slower, and H2, in the agent's own process, gained nothing (docs/reliability-and-limits.md).
 */
public final class EventWriterConnections {

    private EventWriterConnections() {
    }

    /** @param setting {@code auto} or a number (the configuration check has refused anything else) */
    public static int of(String setting, StagingDatabase database) {
        if ("auto".equalsIgnoreCase(setting.trim())) {
            return database == StagingDatabase.MARIADB ? 2 : 1;
        }
        return Integer.parseInt(setting.trim());
    }
}
