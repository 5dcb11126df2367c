package org.sisbridge.check;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.sisbridge.config.Launcher;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingSchemaCheck;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.StagingMapping;

/**
 * Whether the staging database answers, accepts the credentials, and has the schema the agent
 * needs: current migrations when the agent manages the schema, every mapped column when the
 * college does.
 */
final class DatabaseCheck {

    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    private DatabaseCheck() {
    }

    static void run(CheckReport report, StagingSettings settings, StagingMapping mapping, Predicate<String> tableNeeded) {
        String where = settings.shownUrl() + " as user '" + settings.username() + "'";
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        // check writes nothing: an H2 file that is not there yet is not created by looking for it
        try (Connection c = DriverManager.getConnection(settings.onlyIfItExists().jdbcUrl(), settings.username(),
                settings.password())) {
            report.ok("database reachable: " + where + " (" + c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion() + ")");
        } catch (SQLException e) {
            if (StagingSettings.isMissingDatabase(e) && settings.manageSchema()) {
                report.ok("no H2 database at " + settings.shownUrl() + " yet: the agent creates it, with its tables,"
                        + " when it first starts (or " + Launcher.command("migrate") + " now)");
            } else if (StagingSettings.isMissingDatabase(e)) {
                report.error("staging schema incomplete and sisbridge.staging.manage-schema=false: there is no H2 database at "
                        + settings.shownUrl() + " yet; run " + Launcher.command("migrate"));
            } else if (refusedCredentials(e)) {
                report.error("database refused the credentials: " + where + ": " + e.getMessage()
                        + "\ncheck sisbridge.staging.username and the password (sisbridge.staging.password-env / password-file)");
            } else {
                report.error("database unreachable: " + where + ": " + e.getMessage()
                        + "\ncheck sisbridge.staging.jdbc-url, and that the database server is running and reachable from here");
            }
            return;
        }
        // Flyway holds a second connection while it reads its history table
        StagingSettings small = settings.withPoolSize(2);
        try (HikariDataSource dataSource = StagingDataSourceFactory.create(small)) {
            schema(report, settings, dataSource, mapping, tableNeeded);
        } catch (Exception e) {
            report.error("cannot read the staging schema: " + e.getMessage());
        }
    }

    private static void schema(CheckReport report, StagingSettings settings, HikariDataSource dataSource,
                               StagingMapping mapping, Predicate<String> tableNeeded) throws SQLException {
        MigrationInfoService info = StagingSchemaMigrator.flyway(dataSource, settings.database()).info();
        MigrationInfo current = info.current();
        MigrationInfo[] pending = info.pending();
        String version = current == null ? "none" : current.getVersion().getVersion();
        if (settings.manageSchema()) {
            if (pending.length == 0) {
                report.ok("staging schema current (version " + version + ")");
            } else {
                report.ok("staging schema at version " + version + ", " + pending.length + " migration(s) to apply:"
                        + " the agent applies them at start-up (sisbridge.staging.manage-schema=true), or run " + Launcher.command("migrate"));
            }
            return;
        }
        StagingSchemaCheck.Findings findings = StagingSchemaCheck.withOwnTables(dataSource, mapping, tableNeeded);
        findings.warnings().forEach(report::warn);
        List<String> problems = findings.errors();
        if (problems.isEmpty()) {
            report.ok("staging schema has every table and column the agent needs (sisbridge.staging.manage-schema=false)");
        } else {
            report.error("staging schema incomplete and sisbridge.staging.manage-schema=false: run " + Launcher.command("migrate") + ","
                    + " or create these:\n- " + String.join("\n- ", problems));
        }
    }

    /** SQLState class 28 is "invalid authorization"; some drivers only say so in words. */
    private static boolean refusedCredentials(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return state.startsWith("28") || message.contains("access denied") || message.contains("password authentication failed")
                || message.contains("wrong user name or password") || message.contains("login failed");
    }
}
