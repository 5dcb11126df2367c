package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.staging.StagingDatabase;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.AgentProcess;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;

/**
 * {@code sisbridge run} as a real process, stopped with SIGTERM while roster batches are out at
 * the upstream: it exits 0, and a restart settles every student exactly as an uninterrupted run
 * would, with no account created twice (the batch in flight is sent again with its Idempotency-Key).
 */
class RosterShutdownTest {

    private static final int NEW_STUDENTS = 300;

    @Test
    void sigtermWhileBatchesAreOutThenRestartSettlesEveryStudentOnce() throws Exception {
        Path work = AgentFixture.HOME.resolve("target/test-shutdown/roster-" + System.nanoTime());
        Files.createDirectories(work);
        SimulatorSettings settings = new SimulatorSettings();
        settings.bulkRunningMillis = 250; // each job runs a while: the stop lands with a batch out
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0)) {
            String jdbcUrl = "jdbc:h2:file:" + work.resolve("staging") + ";AUTO_SERVER=TRUE";
            TestDatabase database = new TestDatabase("H2", jdbcUrl, "sa", "");
            // this JVM opens the database first and keeps it open: with AUTO_SERVER it serves it, and the
            // agent processes connect to it (two processes opening the file at once would race for its lock)
            try (Connection keepOpen = database.dataSource().getConnection()) {
                StagingSchemaMigrator.migrate(database.dataSource(), StagingDatabase.H2);
                RosterCase roster = RosterCase.mixed(simulator.accounts().population(), NEW_STUDENTS);
                Outbox.queue(database, "111", roster.students());
                StagingQueries staging = database.queries();
                Path config = writeConfig(work, simulator, jdbcUrl);
                Map<String, String> env = Map.of("SISBRIDGE_CLIENT_SECRET", settings.clientSecret);
                Path logs = AgentFixture.HOME.resolve("target/test-logs/roster-shutdown-" + System.nanoTime());

                try (AgentProcess first = AgentProcess.start(config, logs.resolve("first"), env)) {
                    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                            .until(() -> !first.isAlive() || staging.count("SELECT COUNT(*) FROM cccid_result") > 0);
                    assertThat(first.isAlive()).as("the agent process is running").isTrue();
                    first.terminate();
                    assertThat(first.awaitExit(Duration.ofSeconds(40))).isZero();
                    assertThat(first.logLines()).anyMatch(line -> line.contains("stopped: SIGTERM received"));
                }
                // stopped part way: some students settled, others still waiting
                assertThat(staging.count("SELECT COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT')")).isPositive();

                try (AgentProcess second = AgentProcess.start(config, logs.resolve("second"), env)) {
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                            .until(() -> !second.isAlive()
                                    || staging.count("SELECT COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT')") == 0);
                    assertThat(second.isAlive()).as("the restarted agent process is running").isTrue();
                    second.terminate();
                    assertThat(second.awaitExit(Duration.ofSeconds(40))).isZero();
                }

                RosterOutboxTest.assertOutcomes(staging, simulator.accounts(), roster);
                assertThat(simulator.accounts().accountsCreated()).isEqualTo(NEW_STUDENTS);
                assertThat(simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
                assertThat(staging.count("SELECT COUNT(*) FROM cccid_batch WHERE status <> 'COMPLETE'")).isZero();
            }
        }
    }

    private static Path writeConfig(Path work, UpstreamSimulator simulator, String jdbcUrl) throws Exception {
        return AgentProcess.siteConfig(work, simulator, jdbcUrl, 20,
                "sisbridge.events.enabled = false",
                "sisbridge.reports.enabled = false",
                "sisbridge.reports.drop-enabled = false",
                "sisbridge.reports.download-folder = " + work.resolve("download"),
                "sisbridge.roster.inbox = " + work.resolve("inbox"),
                "sisbridge.roster.outbox = " + work.resolve("outbox"),
                "sisbridge.roster.poll-interval-ms = 300",
                "sisbridge.roster.initial-delay-ms = 0",
                "sisbridge.roster.batch-size = 20",
                "sisbridge.roster.job-poll-initial-delay-ms = 20",
                "sisbridge.roster.job-poll-max-delay-ms = 200");
    }
}
