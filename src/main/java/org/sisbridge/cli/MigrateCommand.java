package org.sisbridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.config.LoadedConfiguration;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.staging.JdbcUrlMasking;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.staging.StagingDatabase;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.ddl.DdlScript;
import org.sisbridge.staging.ddl.MappedTableCreator;
import org.sisbridge.staging.mapping.MappingFile;
import org.sisbridge.staging.mapping.StagingMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
                "a DBA runs it once, with an account allowed to create tables.",
                "With a mapping (sisbridge.staging.mapping), also creates each mapped table that does not exist yet.",
                "--print shows the DDL instead (every table and index the enabled flows need, under the mapping),",
                "without connecting to the database, for a DBA to review and run."})
public class MigrateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--print", description = "Print the DDL for the configured database and mapping; change nothing.")
    boolean print;

    @Option(names = "--database", paramLabel = "DB",
            description = "With --print: the DDL for this database instead of the configured one"
                    + " (postgresql, mariadb, sqlserver, oracle, h2).")
    String database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // with --print, stdout is the DDL a DBA runs as it is: the configuration line goes to stderr
        PrintWriter banner = print || database != null ? spec.commandLine().getErr() : out;
        banner.println(config.banner());
        banner.flush();
        try (LoadedConfiguration loaded = config.configuration().load(System.getenv())) {
            AgentProperties properties = loaded.properties();
            StagingSettings staging = AgentBeans.stagingSettings(properties, SecretSource.fromSystem());
            StagingMapping mapping = MappingFile.load(properties::text);
            Predicate<String> needed = table -> AgentBeans.tableNeeded(properties, table);
            if (print || database != null) {
                StagingDatabase target = database == null ? staging.database()
                        : StagingDatabase.fromSetting(database, staging.jdbcUrl());
                out.print(DdlScript.of(mapping, MappingFile.resolve(properties.text(MappingFile.KEY), Path.of(properties.text("sisbridge.home"))),
                        target, needed));
                out.flush();
                return 0;
            }
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
                for (String table : MappedTableCreator.createMissing(dataSource, mapping, staging.database().dialect(), needed)) {
                    out.println("Created table " + table + " (mapping " + mapping.layout() + ").");
                }
            }
            return 0;
        } catch (InvalidConfigurationException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        } catch (RuntimeException | java.sql.SQLException e) {
            spec.commandLine().getErr().println("Migration failed: " + JdbcUrlMasking.mask(e.getMessage()));
            return 1;
        }
    }
}
