package org.sisbridge.benchmark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.sisbridge.reports.ReportsFlowStatistics;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.ReportCsvWriter;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.SecretSource;

/**
 * Writes an N-row status change report with the simulator's writer, drops it into the agent's
 * inbox (the real drop route, scan, validation and chunked staging into a fresh database: an H2
 * file, or sisbridge_bench_reports on a PostgreSQL or MariaDB server) and prints rows/second, beside
 * a plain JDBC batch insert of the same file into the same database (and on PostgreSQL a COPY of
 * it), and this JVM's peak heap during the load.
 */
public final class ReportsBenchmark {

    private static final int BATCH = 1000;

    private final Path home;
    private final long rows;
    private final BenchmarkDatabase.Server server;
    private final PrintStream out;

    public ReportsBenchmark(Path home, long rows, BenchmarkDatabase.Server server, PrintStream out) {
        this.home = home;
        this.rows = rows;
        this.server = server;
        this.out = out;
    }

    public int run() throws Exception {
        Path work = home.resolve("data/benchmark/reports");
        deleteTree(work);
        Files.createDirectories(work);
        Path inbox = work.resolve("inbox");
        Path report = work.resolve("111-BACKFILL.csv");
        out.printf("Reports benchmark: %,d rows, %s database, max heap %s%n", rows, server.kind(),
                HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));

        long written = System.nanoTime();
        writeReport(report);
        out.printf("  report file written by the simulator: %,d bytes in %.1f s (not part of the figures)%n",
                Files.size(report), (System.nanoTime() - written) / 1e9);
        // closed last: the server database is dropped once the agent has let go of it
        try (BenchmarkDatabase database = server.open("sisbridge_bench_reports", work.resolve("staging"));
             SisbridgeAgent agent = SisbridgeAgent.builder(home)
                .property("sisbridge.watch.enabled", false) // a benchmark must not need, or take, the service's port
                .secrets(new SecretSource(BenchmarkDatabase.secrets("unused")))
                .property("sisbridge.staging.jdbc-url", database.jdbcUrl())
                .property("sisbridge.staging.username", database.user())
                .property("sisbridge.staging.batch-size", BATCH)
                .property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.inbox", inbox.toString())
                .property("sisbridge.reports.inbox-poll-interval-ms", 50)
                .property("sisbridge.reports.inbox-settle-ms", 50)
                .build()) {
            out.printf("  staging into the %s%n", database.describe());
            agent.start();
            ReportsFlowStatistics statistics = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            HeapPeak heap = HeapPeak.start();
            long started = System.nanoTime();
            Files.createDirectories(inbox);
            Files.move(report, inbox.resolve(report.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            while (statistics.snapshot().loaded() + statistics.snapshot().refused() == 0) {
                Thread.sleep(20);
            }
            long pipelineNanos = System.nanoTime() - started;
            heap.close();
            DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
            long staged = count(dataSource);
            // the file component moves the file to done/ when the route has finished with it, a moment
            // after the load is counted; the yardstick reads it from there
            Path loaded = inbox.resolve("done").resolve(report.getFileName());
            while (statistics.snapshot().refused() == 0 && !Files.exists(loaded)) {
                Thread.sleep(20);
            }
            long[] plain = PlainReportInsert.run(dataSource, database, YardstickTable.Method.BATCH_INSERT, loaded, BATCH);
            long[] copy = !database.isPostgres() ? null
                    : PlainReportInsert.run(dataSource, database, YardstickTable.Method.POSTGRES_COPY, loaded, BATCH);

            double pipelineRate = staged / (pipelineNanos / 1e9);
            double plainRate = plain[0] / (plain[1] / 1e9);
            out.printf("  pipeline (drop folder, sha256 scan, RFC 4180 parse, validation, keyed insert-if-absent): %,d rows in %.2f s = %,.0f rows/s%n",
                    staged, pipelineNanos / 1e9, pipelineRate);
            out.printf("  plain JDBC batch insert of the same file, same database:                            %,d rows in %.2f s = %,.0f rows/s%n",
                    plain[0], plain[1] / 1e9, plainRate);
            if (copy != null) {
                double copyRate = copy[0] / (copy[1] / 1e9);
                out.printf("  PostgreSQL COPY FROM STDIN of the same file, same database:                          %,d rows in %.2f s = %,.0f rows/s"
                        + " (pipeline / COPY: %.2f)%n", copy[0], copy[1] / 1e9, copyRate, pipelineRate / copyRate);
            }
            out.printf("  pipeline / plain insert: %.2f (goal: at least 0.50)%n", pipelineRate / plainRate);
            out.printf("  heap during the pipeline run, max %s: peak in use %s, peak live after GC %s%n",
                    HeapPeak.megabytes(Runtime.getRuntime().maxMemory()), HeapPeak.megabytes(heap.peakUsedBytes()),
                    HeapPeak.megabytes(heap.peakLiveBytes()));
            return staged == rows ? 0 : 1;
        }
    }

    /** Clean rows only, plain form: the benchmark measures loading, the tests cover the bad rows and forms. */
    private void writeReport(Path report) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = (int) Math.min(10_000_000L, rows * 2 + 100);
        settings.reports.weekly = false;
        ReportCatalog catalog = new ReportCatalog(settings, new EventFeed(settings));
        try (OutputStream file = Files.newOutputStream(report)) {
            new ReportCsvWriter(settings.reports).write(file, catalog.backfill("111", rows));
        }
    }

    private static long count(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM idme_status_change")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
