package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.runtime.MisCodes;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.ReportCsvWriter;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.KeyedInsert;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The chunks of one report commit one after another on one connection of the pool (issue 17: the
 * pool's hand-out and two {@code set autocommit} round trips a chunk were a measurable share of a
 * chunk on MariaDB), each in its own transaction, and nothing commits after a chunk that failed,
 * however many chunks were read ahead of it.
 */
class ReportLoaderConnectionTest {

    private static final int CHUNK = 500;

    @TempDir
    Path folder;

    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
    }

    @Test
    void aReportsChunksCommitOnOneConnectionGivenBackWithAutoCommitOn() throws Exception {
        TestDatabase database = migratedH2("report-one-connection");
        CountingDataSource pool = new CountingDataSource(database.dataSource());
        Path report = report(2_600);

        ReportOutcome outcome = loader(pool, new StatusChangeTable("idme_status_change"), 3)
                .load(identity(report), report);

        assertThat(outcome.rowsNew()).isEqualTo(2_600);
        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(2_600);
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_report_load")).isEqualTo(1);
        // six transactions (five full chunks and the last with the load row), one connection
        assertThat(pool.taken.get()).isEqualTo(1);
        assertThat(pool.commits.get()).isEqualTo(6);
        assertThat(pool.open.get()).isZero();
        assertThat(pool.autoCommitCalls).containsExactly(false, true);
    }

    @Test
    void noChunkCommitsAfterOneThatFailedAndTheConnectionGoesBack() throws Exception {
        TestDatabase database = migratedH2("report-chunk-fails");
        CountingDataSource pool = new CountingDataSource(database.dataSource());
        Path report = report(3_000);
        AtomicInteger chunks = new AtomicInteger();
        StatusChangeTable failsSecondChunk = new StatusChangeTable("idme_status_change") {
            @Override
            public int insertNew(Connection connection, KeyedInsert.Prepared<StatusChangeRow> rows) throws SQLException {
                int inserted = super.insertNew(connection, rows);
                if (chunks.incrementAndGet() == 2) {
                    // after its rows went in: the rollback must take them back
                    throw new SQLException("the database went away in chunk 2", "08006");
                }
                return inserted;
            }
        };

        // up to eight chunks read ahead: the ones behind the failed chunk are queued when it fails
        assertThatThrownBy(() -> loader(pool, failsSecondChunk, 8).load(identity(report), report))
                .isInstanceOf(SQLException.class).hasMessageContaining("chunk 2");

        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(CHUNK);
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();
        assertThat(chunks.get()).isEqualTo(2);
        assertThat(pool.open.get()).isZero();
    }

    private static TestDatabase migratedH2(String label) {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, label);
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        return database;
    }

    private ReportLoader loader(CountingDataSource counts, StatusChangeTable table, int chunksInFlight) {
        Clock clock = Clock.systemUTC();
        DataSource pool = counting(counts);
        return new ReportLoader(pool, new ReportRowValidator(new MisCodes(Set.of("111")), StatusTransitionPolicy.parse("verified>expired")),
                table, new RejectWriter("sisbridge_reject", clock), new ReportLoadTable(pool, "sisbridge_report_load"), CHUNK,
                clock, () -> false, writer, chunksInFlight);
    }

    private static ReportIdentity identity(Path report) throws Exception {
        return new ReportIdentity("111-BACKFILL", ReportScan.scan(report).sha256(), null, null, null, null, ReportIdentity.DROP);
    }

    /** Clean rows written by the simulator's report writer. */
    private Path report(long rows) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = (int) rows * 2 + 100;
        settings.reports.weekly = false;
        Path file = folder.resolve("111-BACKFILL.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            new ReportCsvWriter(settings.reports).write(out, new ReportCatalog(settings, new EventFeed(settings)).backfill("111", rows));
        }
        return file;
    }

    /** Counts the connections taken and still open, the commits, and the auto-commit changes asked of them. */
    private static final class CountingDataSource {
        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        final List<Boolean> autoCommitCalls = new CopyOnWriteArrayList<>();
        private final DataSource target;

        CountingDataSource(DataSource target) {
            this.target = target;
        }

        private Connection connection() throws SQLException {
            Connection real = target.getConnection();
            taken.incrementAndGet();
            open.incrementAndGet();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "close" -> open.decrementAndGet();
                            case "commit" -> commits.incrementAndGet();
                            case "setAutoCommit" -> autoCommitCalls.add((Boolean) args[0]);
                            default -> { }
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private static DataSource counting(CountingDataSource counts) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> "getConnection".equals(method.getName()) ? counts.connection() : null);
    }
}
