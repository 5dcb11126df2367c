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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
 * however many chunks were read ahead of it. With two writer connections the chunks take turns on
 * them; a failure on one stops both, and a key two chunks carry lands once on every database.
 */
class ReportLoaderConnectionTest {

    private static final int CHUNK = 500;

    @TempDir
    Path folder;

    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    /** Named, so that a test can tell which connection's chunk it is in (chunk n commits on writer n modulo 2). */
    private final List<ExecutorService> twoWriters = List.of(
            Executors.newSingleThreadExecutor(r -> new Thread(r, "report-writer-odd-chunks")),
            Executors.newSingleThreadExecutor(r -> new Thread(r, "report-writer-even-chunks")));

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
        twoWriters.forEach(ExecutorService::shutdownNow);
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

    @Test
    void withTwoWriterConnectionsTheChunksTakeTurnsAndEachConnectionGoesBack() throws Exception {
        TestDatabase database = migratedH2("report-two-connections");
        CountingDataSource pool = new CountingDataSource(database.dataSource());
        Path report = report(2_600);

        ReportOutcome outcome = loader(pool, new StatusChangeTable("idme_status_change"), 2, twoWriters)
                .load(identity(report), report);

        assertThat(outcome.rowsNew()).isEqualTo(2_600);
        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(2_600);
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_report_load")).isEqualTo(1);
        // six transactions on two connections, each taken once and given back with auto-commit on
        assertThat(pool.taken.get()).isEqualTo(2);
        assertThat(pool.commits.get()).isEqualTo(6);
        assertThat(pool.open.get()).isZero();
        assertThat(pool.autoCommitCalls).containsExactlyInAnyOrder(false, false, true, true);
    }

    /**
     * Chunk 2 fails on the second connection while chunk 1 is inserting on the first (chunk 1 goes on
     * only once the second connection was given back): chunk 1 is rolled back instead of committed,
     * and no later chunk starts on either connection.
     */
    @Test
    void aChunkThatFailsOnOneConnectionStopsTheOtherConnectionToo() throws Exception {
        TestDatabase database = migratedH2("report-two-connections-fail");
        CountingDataSource pool = new CountingDataSource(database.dataSource());
        Path report = report(3_000);
        List<String> inserts = new CopyOnWriteArrayList<>();
        CountDownLatch firstInserting = new CountDownLatch(1);
        StatusChangeTable failsSecondChunk = new StatusChangeTable("idme_status_change") {
            @Override
            public int insertNew(Connection connection, KeyedInsert.Prepared<StatusChangeRow> rows) throws SQLException {
                String writer = Thread.currentThread().getName();
                inserts.add(writer);
                int inserted = super.insertNew(connection, rows);
                if (writer.endsWith("even-chunks")) {
                    // chunk 2, its rows in (the rollback must take them back), fails while chunk 1 is inserting
                    await(firstInserting);
                    throw new SQLException("the database went away in chunk 2", "08006");
                }
                firstInserting.countDown();
                await(pool.closed);
                return inserted;
            }
        };

        assertThatThrownBy(() -> loader(pool, failsSecondChunk, 8, twoWriters).load(identity(report), report))
                .isInstanceOf(SQLException.class).hasMessageContaining("chunk 2");

        assertThat(inserts).containsExactlyInAnyOrder("report-writer-odd-chunks", "report-writer-even-chunks");
        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_change")).isZero();
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();
        assertThat(pool.commits.get()).isZero();
        assertThat(pool.open.get()).isZero();
    }

    /**
     * A report whose second chunk repeats the first's rows: the two chunks insert the same keys at the
     * same time on two connections. The second waits for the first, finds its keys taken, and stores
     * nothing; every row is staged once and the counts say so, on H2, PostgreSQL (by COPY) and MariaDB.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aKeyInTwoChunksOnTwoConnectionsIsStagedOnce(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "report-two-connections-keys");
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        CountingDataSource pool = new CountingDataSource(database.dataSource());
        Path report = report(2 * CHUNK);
        List<String> lines = Files.readAllLines(report);
        // header, chunk 1's rows, then chunk 1's rows again (chunk 2), then chunk 2's own rows (chunks 3 and 4)
        List<String> repeated = new java.util.ArrayList<>(lines.subList(0, 1 + CHUNK));
        repeated.addAll(lines.subList(1, 1 + CHUNK));
        repeated.addAll(lines.subList(1 + CHUNK, lines.size()));
        Files.write(report, repeated);

        ReportOutcome outcome = loader(pool, new StatusChangeTable("idme_status_change"), 2, twoWriters)
                .load(identity(report), report);

        assertThat(outcome.rows()).isEqualTo(3L * CHUNK);
        assertThat(outcome.rowsNew()).isEqualTo(2L * CHUNK);
        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(2L * CHUNK);
        assertThat(database.queries().count("SELECT COUNT(*) FROM sisbridge_report_load")).isEqualTo(1);
        assertThat(pool.open.get()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TestDatabase migratedH2(String label) {
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, label);
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        return database;
    }

    private ReportLoader loader(CountingDataSource counts, StatusChangeTable table, int chunksInFlight) {
        return loader(counts, table, chunksInFlight, List.of(writer));
    }

    private ReportLoader loader(CountingDataSource counts, StatusChangeTable table, int chunksInFlight,
                                List<ExecutorService> writers) {
        Clock clock = Clock.systemUTC();
        DataSource pool = counting(counts);
        return new ReportLoader(pool, new ReportRowValidator(new MisCodes(Set.of("111")), StatusTransitionPolicy.parse("verified>expired")),
                table, new RejectWriter("sisbridge_reject", clock), new ReportLoadTable(pool, "sisbridge_report_load"), CHUNK,
                clock, () -> false, writers, chunksInFlight);
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
        /** Counted down when the first connection is given back. */
        final CountDownLatch closed = new CountDownLatch(1);
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
                            case "close" -> {
                                open.decrementAndGet();
                                closed.countDown();
                            }
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
