package org.sisbridge.benchmark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.sisbridge.reports.ReportsFlowStatistics;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.ReportCsvWriter;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.mapping.MappingFile;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * Writes an N-row status change report with the simulator's writer, drops it into the agent's
 * inbox (the real drop route, scan, validation and chunked staging into a fresh database: an H2
 * file, or sisbridge_bench_reports on a PostgreSQL or MariaDB server) and prints rows/second, beside
 * a plain JDBC batch insert of the same file into the same database (and on PostgreSQL a COPY of
 * it), and this JVM's peak heap during the load. As in {@link EventsBenchmark}, smaller warm-up
 * passes of both sides come first ({@link WarmupPasses}), so that neither is timed while the JIT compiles.
 */
public final class ReportsBenchmark {

    private static final int BATCH = 1000;

    private final Path home;
    private final long rows;
    private final long warmupRows;
    private final int warmupPasses;
    private final int runs;
    private final BenchmarkDatabase.Server server;
    private final BenchmarkLayout layout;
    private final PrintStream out;

    /**
     * @param warmupPasses untimed passes of warmupRows before the runs, each with an agent of its own ({@link WarmupPasses})
     * @param runs   timed runs after the warm-up (each on a fresh database and agent)
     * @param layout the tables the agent stages into, and the yardsticks' copy of them
     */
    public ReportsBenchmark(Path home, long rows, long warmupRows, int warmupPasses, int runs, BenchmarkDatabase.Server server,
                            BenchmarkLayout layout, PrintStream out) {
        this.home = home;
        this.rows = rows;
        this.warmupRows = warmupRows;
        this.warmupPasses = warmupRows > 0 ? warmupPasses : 0;
        this.runs = runs;
        this.server = server;
        this.layout = layout;
        this.out = out;
    }

    public int run() throws Exception {
        List<PassFigures> passes = passes();
        RunsSummary.of(passes).print(out, "rows");
        return passes.stream().allMatch(p -> p.pipelineRows() == rows) ? 0 : 1;
    }

    /** The warm-up (printed, not returned), then the timed runs, each printed as it ends. */
    List<PassFigures> passes() throws Exception {
        out.printf("Reports benchmark: %,d rows, %d run(s), %s database, max heap %s%n", rows, runs, server.kind(),
                HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));
        out.printf("  staging layout: %s%n", layout.describe("idme_status_change"));
        for (int warmup = 1; warmup <= warmupPasses; warmup++) {
            measure(warmupRows, "data/benchmark/reports-warmup", "sisbridge_bench_reports_warmup" + layout.databaseSuffix(),
                    RunOrder.PIPELINE_FIRST)
                    .figures().printWarmup(out, warmup, warmupPasses, warmupRows, "rows");
        }
        List<PassFigures> passes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            RunOrder order = RunOrder.of(run);
            Pass pass = measure(rows, "data/benchmark/reports", "sisbridge_bench_reports" + layout.databaseSuffix(), order);
            PassFigures figures = pass.figures();
            out.printf("  run %d of %d, %s; report file written by the simulator: %,d bytes (not part of the figures)%n", run,
                    runs, order.describe(), pass.fileBytes());
            out.printf("  staging into the %s (%s), on %d writer connection(s) (sisbridge.reports.writer-connections)%n",
                    figures.database(), figures.product(), pass.writerConnections());
            out.printf("  pipeline (drop folder, sha256 scan, RFC 4180 parse, validation, keyed insert-if-absent): %,d rows in %.2f s = %,.0f rows/s%n",
                    figures.pipelineRows(), figures.pipelineNanos() / 1e9, figures.pipelineRate());
            out.printf("  plain JDBC batch insert of the same file, same database:                            %,d rows in %.2f s = %,.0f rows/s%n",
                    figures.plainRows(), figures.plainNanos() / 1e9, figures.plainRate());
            figures.printComparison(out, "PostgreSQL COPY FROM STDIN of the same file, same database:                          ",
                    "heap during the pipeline run");
            passes.add(figures);
        }
        return passes;
    }

    /** One pass: a report of {@code count} rows loaded by a fresh agent into a fresh database, then the plain insert. */
    private Pass measure(long count, String workDir, String serverDatabase, RunOrder order) throws Exception {
        Path work = home.resolve(workDir);
        deleteTree(work);
        Files.createDirectories(work);
        Path inbox = work.resolve("inbox");
        Path report = work.resolve("111-BACKFILL.csv");
        writeReport(report, count);
        long fileBytes = Files.size(report);
        // closed last: the server database is dropped once the agent has let go of it
        try (BenchmarkDatabase database = server.open(serverDatabase, work.resolve("staging"));
             SisbridgeAgent agent = SisbridgeAgent.builder(home)
                .property("sisbridge.watch.enabled", false) // a benchmark must not need, or take, the service's port
                .property("sisbridge.watch.staff-pages-enabled", false) // their routes need the endpoint the line above turns off
                .secrets(new SecretSource(BenchmarkDatabase.secrets("unused")))
                .property("sisbridge.staging.jdbc-url", database.jdbcUrl())
                .property("sisbridge.staging.username", database.user())
                .property("sisbridge.staging.batch-size", BATCH)
                .property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.inbox", inbox.toString())
                // the drop folder's waits for a file to settle are a policy (5 s and 1 s by default), not loading: at
                // 50 ms each they were 2 % of a 5 s run, at 10 ms a few hundredths of a second stay in the figure
                .property("sisbridge.reports.inbox-poll-interval-ms", 10)
                .property("sisbridge.reports.inbox-settle-ms", 10)
                .property(MappingFile.KEY, layout.name())
                .property("sisbridge.staging.manage-schema", layout.manageSchema())
                .build()) {
            layout.prepare(database);
            agent.start();
            TableMapping table = layout.table("idme_status_change");
            PhaseSettling settling = new PhaseSettling(database, agent.bean("stagingDataSource", DataSource.class), out);
            long[][] yardsticks = order == RunOrder.YARDSTICKS_FIRST ? yardsticks(agent, database, report, table, settling) : null;
            ReportsFlowStatistics statistics = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            settling.beforePhase();
            HeapPeak heap = HeapPeak.start();
            long started = System.nanoTime();
            Files.createDirectories(inbox);
            Files.move(report, inbox.resolve(report.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            // a load that never ends (its database dropped or frozen, say) ends the run with a line instead of
            // waiting for ever: at least 10 minutes, or 500 rows a second
            long deadline = started + Math.max(600, count / 500) * 1_000_000_000L;
            while (statistics.snapshot().loaded() + statistics.snapshot().refused() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the report was not loaded within " + Math.max(600, count / 500)
                            + " s; see the agent's log (is " + database.describe() + " still there and answering?)");
                }
                Thread.sleep(20);
            }
            long pipelineNanos = System.nanoTime() - started;
            heap.close();
            DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
            long staged = layout.rows(dataSource, "idme_status_change");
            // the file component moves the file to done/ when the route has finished with it, a moment
            // after the load is counted; the yardstick reads it from there
            Path loaded = inbox.resolve("done").resolve(report.getFileName());
            while (statistics.snapshot().refused() == 0 && !Files.exists(loaded)) {
                Thread.sleep(20);
            }
            if (yardsticks == null) {
                yardsticks = yardsticks(agent, database, loaded, table, settling);
            }
            long[] plain = yardsticks[0];
            long[] copy = yardsticks[1];
            return new Pass(new PassFigures(database.describe(), BenchmarkDatabase.product(dataSource), staged, pipelineNanos, plain[0], plain[1], copy[0], copy[1],
                    heap.peakUsedBytes(), heap.peakLiveBytes()), fileBytes,
                    Integer.parseInt(agent.camelContext().resolvePropertyPlaceholders("{{sisbridge.reports.writer-connections}}")));
        }
    }

    /** The plain batch insert and, on PostgreSQL, COPY of the report's rows into copies of the table: {nanoseconds, rows} each. */
    private static long[][] yardsticks(SisbridgeAgent agent, BenchmarkDatabase database, Path report, TableMapping table,
                                       PhaseSettling settling) throws Exception {
        DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
        settling.beforePhase();
        long[] plain = PlainReportInsert.run(dataSource, database, YardstickTable.Method.BATCH_INSERT, report, BATCH, table);
        if (!database.isPostgres()) {
            return new long[][] {plain, {0, 0}};
        }
        settling.beforePhase();
        long[] copy = PlainReportInsert.run(dataSource, database, YardstickTable.Method.POSTGRES_COPY, report, BATCH, table);
        return new long[][] {plain, copy};
    }

    /** One pass's figures, the size of the report file it loaded, and the connections the load committed on. */
    private record Pass(PassFigures figures, long fileBytes, int writerConnections) {
    }

    /** Clean rows only, plain form: the benchmark measures loading, the tests cover the bad rows and forms. */
    private static void writeReport(Path report, long rows) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = (int) Math.min(10_000_000L, rows * 2 + 100);
        settings.reports.weekly = false;
        ReportCatalog catalog = new ReportCatalog(settings, new EventFeed(settings));
        try (OutputStream file = Files.newOutputStream(report)) {
            new ReportCsvWriter(settings.reports).write(file, catalog.backfill("111", rows));
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
