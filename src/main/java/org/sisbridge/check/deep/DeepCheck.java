package org.sisbridge.check.deep;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Predicate;
import org.sisbridge.check.CheckReport;
import org.sisbridge.config.Launcher;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.StagingMapping;

/**
 * {@code check --deep}: every statement of every enabled flow, run once against the configured
 * database through the configured mapping, with synthetic rows, in ONE transaction that is rolled back
 * at the end. The probes call the flows' own table classes on this one connection (never the methods
 * that open and commit their own), so the database afterwards holds exactly what it held before.
 * For the databases the project cannot test here (SQL Server, Oracle): each college proves its own.
 * The college's own statements (source query, write-back, events hook, reconciliation) run last.
 */
public final class DeepCheck {

    private DeepCheck() {
    }

    /** @param flowTableNeeded whether a canonical table's flow is enabled (its statements are then run) */
    public static void run(CheckReport report, AgentProperties config, StagingSettings settings, StagingMapping mapping,
                           String misCode, Predicate<String> flowTableNeeded) {
        // like the rest of check, it creates nothing: an H2 file that is not there yet stays absent
        try (HikariDataSource dataSource = StagingDataSourceFactory.create(settings.onlyIfItExists().withPoolSize(1));
             Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ProbeContext p = new ProbeContext(connection, dataSource, settings, mapping, misCode, Clock.systemUTC(),
                        new ProbeSteps(report, connection));
                if (flowTableNeeded.test("idme_status_event")) {
                    EventsProbe.run(p);
                }
                if (flowTableNeeded.test("idme_status_change")) {
                    ReportsProbe.run(p);
                }
                if (flowTableNeeded.test("cccid_request")) {
                    RosterProbe.run(p);
                }
                StagingProbe.run(p);
                CollegeSqlProbe.run(p, config);
            } finally {
                connection.rollback();
            }
            report.ok("deep check: everything it wrote was rolled back");
        } catch (SQLException | RuntimeException e) {
            if (StagingSettings.isMissingDatabase(e) || StagingSettings.isMissingDatabase(e.getCause())) {
                report.skip("deep check: there is no H2 database at " + settings.shownUrl() + " yet: run "
                        + Launcher.command("migrate") + ", then check --deep");
            } else {
                report.error("deep check: " + ProbeSteps.oneLine(e));
            }
        }
    }
}
