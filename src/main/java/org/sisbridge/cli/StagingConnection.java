package org.sisbridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.config.Launcher;
import org.sisbridge.config.LoadedConfiguration;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingDatabaseUnreachableException;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.MappingFile;
import org.sisbridge.staging.mapping.StagingMapping;

/**
 * The configured staging database, for commands that read it without the agent (status, rejects
 * list/show). It opens only a database that is there and has the agent's tables; otherwise
 * {@link StagingUnavailableException} says, in one line, what is missing and what to do.
 */
final class StagingConnection implements AutoCloseable {

    final StagingSettings settings;
    final StagingMapping mapping;
    final int latestRows;
    /** sisbridge.status.roster-notes-days: how far back the roster batches to look at are counted */
    final int rosterNoteDays;
    final HikariDataSource dataSource;

    /** Said after "cannot reach the staging database" by every command. */
    static final String WHAT_TO_CHECK = "Check sisbridge.staging.jdbc-url, the credentials, and that the database server"
            + " is running and reachable from here; " + Launcher.command("check") + " tells more.";

    private StagingConnection(StagingSettings settings, StagingMapping mapping, int latestRows, int rosterNoteDays) {
        this.settings = settings;
        this.mapping = mapping;
        this.latestRows = latestRows;
        this.rosterNoteDays = rosterNoteDays;
        this.dataSource = connect(settings);
        try {
            requireSchema();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource connect(StagingSettings settings) {
        try {
            return StagingDataSourceFactory.create(settings.onlyIfItExists().withPoolSize(2));
        } catch (StagingDatabaseUnreachableException e) {
            if (StagingSettings.isMissingDatabase(e.getCause())) {
                throw new StagingUnavailableException("There is no staging database at " + settings.shownUrl()
                        + " yet: the agent creates it when it first starts (" + Launcher.command("run") + "), or " + Launcher.command("migrate") + " creates it now.");
            }
            throw new StagingUnavailableException(e.getMessage() + "\n" + WHAT_TO_CHECK);
        }
    }

    /** When the agent manages the schema, its migration history says whether the tables exist yet. */
    private void requireSchema() {
        if (settings.manageSchema()
                && StagingSchemaMigrator.flyway(dataSource, settings.database()).info().current() == null) {
            throw new StagingUnavailableException("The staging database " + settings.shownUrl() + " has no sisbridge tables"
                    + " yet: the agent creates them when it first starts (" + Launcher.command("run") + "), or " + Launcher.command("migrate") + " creates them now.");
        }
    }

    static StagingConnection open(AgentConfiguration configuration) {
        try (LoadedConfiguration loaded = configuration.load(System.getenv())) {
            AgentProperties config = loaded.properties();
            return new StagingConnection(AgentBeans.stagingSettings(config, SecretSource.fromSystem()),
                    MappingFile.load(config::text),
                    config.integer("sisbridge.status.latest-rows"), config.integer("sisbridge.status.roster-notes-days"));
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
