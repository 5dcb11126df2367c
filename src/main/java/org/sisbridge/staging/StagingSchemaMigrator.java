package org.sisbridge.staging;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the staging tables with the Flyway migrations of the database in use
 * ({@code db/migration/<database>}). Skipped when the college manages its own tables.
 */
public final class StagingSchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(StagingSchemaMigrator.class);

    private StagingSchemaMigrator() {
    }

    public static MigrateResult migrate(DataSource dataSource, StagingDatabase database) {
        MigrateResult result = flyway(dataSource, database).migrate();
        if (result.migrationsExecuted == 0) {
            LOG.info("Staging schema on {} is current at version {}", database, result.initialSchemaVersion);
        } else {
            LOG.info("Staging schema on {} is at version {} ({} migration(s) applied now)", database,
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
        return result;
    }

    /** Flyway set up for the staging schema, for callers that only look (info) or migrate on request. */
    public static Flyway flyway(DataSource dataSource, StagingDatabase database) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(database.migrationLocation())
                .table("sisbridge_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }
}
