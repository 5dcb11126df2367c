package org.sisbridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.config.LoadedConfiguration;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.staging.JdbcUrlMasking;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.staging.StagingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Applies the staging schema's migrations on request: for colleges whose DBA creates the tables
 * once and runs the agent with sisbridge.staging.manage-schema=false.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Create or upgrade the staging tables in the configured database.",
                "Runs the Flyway migrations the agent would run at start-up and prints what was applied.",
                "Works with sisbridge.staging.manage-schema=false:",
                "a DBA runs it once, with an account allowed to create tables."})
public class MigrateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedConfiguration loaded = config.configuration().load(System.getenv())) {
            StagingSettings staging = AgentBeans.stagingSettings(loaded.properties(), SecretSource.fromSystem());
            try (HikariDataSource dataSource = StagingDataSourceFactory.create(staging)) {
                MigrateResult result = StagingSchemaMigrator.migrate(dataSource, staging.database());
                out.println("Staging database: " + staging.shownUrl() + " (" + staging.database().name().toLowerCase() + ")");
                if (result.migrationsExecuted == 0) {
                    var current = StagingSchemaMigrator.flyway(dataSource, staging.database()).info().current();
                    String version = current == null ? "none" : current.getVersion().getVersion();
                    out.println("Already current at version " + version + "; nothing to apply.");
                } else {
                    for (MigrateOutput applied : result.migrations) {
                        out.println("Applied version " + applied.version + ": " + applied.description
                                + " (" + applied.executionTime + " ms)");
                    }
                    out.println(result.migrationsExecuted + " migration(s) applied; the schema is now at version "
                            + result.targetSchemaVersion + ".");
                }
            }
            return 0;
        } catch (InvalidConfigurationException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("Migration failed: " + JdbcUrlMasking.mask(e.getMessage()));
            return 1;
        }
    }
}
