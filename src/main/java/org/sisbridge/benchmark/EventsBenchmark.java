package org.sisbridge.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.events.EventsFlowStatistics;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.staging.SecretSource;

/**
 * Pulls N events from the in-process simulator through the real routes into a fresh database (an H2
 * file, or sisbridge_bench_events on a PostgreSQL or MariaDB server) and prints events/second end to
 * end, beside a plain JDBC batch insert of the same rows into the same database (and on PostgreSQL a
 * COPY of them), and this JVM's peak heap.
 *
 * <p>A smaller warm-up pass of both comes first, into a database of its own, so that neither side is
 * timed while the JIT compiler is still compiling the code it shares (H2's, the JDBC driver's): the
 * pipeline ran first and would otherwise pay for the compiling that the plain insert then enjoys.
 */
public final class EventsBenchmark {

    private final Path home;
    private final int events;
    private final int warmupEvents;
    private final BenchmarkDatabase.Server server;
    private final PrintStream out;

    public EventsBenchmark(Path home, int events, int warmupEvents, BenchmarkDatabase.Server server, PrintStream out) {
        this.home = home;
        this.events = events;
        this.warmupEvents = warmupEvents;
        this.server = server;
        this.out = out;
    }

    public int run() throws Exception {
        out.printf("Events benchmark: %,d events, max heap %s%n", events, HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));
        out.println("  (the agent's page lines go to the log; this prints the figures)");
        if (warmupEvents > 0) {
            measure(warmupEvents, "sisbridge_bench_events_warmup", "data/benchmark/events-warmup").figures()
                    .printWarmup(out, warmupEvents, "events");
        }
        Pass pass = measure(events, "sisbridge_bench_events", "data/benchmark/events");
        PassFigures figures = pass.figures();
        out.printf("  database: %s%n", figures.database());
        out.printf("  agent start-up (Flyway, Camel routes): %.2f s%n", pass.startupNanos() / 1e9);
        out.printf("  pipeline end to end (HTTP + JSON + validation + staging): %,d rows in %.2f s = %,.0f events/s%n",
                figures.pipelineRows(), figures.pipelineNanos() / 1e9, figures.pipelineRate());
        out.printf("  plain JDBC batch insert of the same rows, same database:  %,d rows in %.2f s = %,.0f rows/s%n",
                figures.plainRows(), figures.plainNanos() / 1e9, figures.plainRate());
        figures.printComparison(out, "PostgreSQL COPY FROM STDIN of the same rows, same database:  ",
                "heap during the pipeline run (simulator included)");
        return figures.pipelineRows() == events ? 0 : 1;
    }

    /** One pass: a fresh database, simulator and agent; the pipeline timed, then the plain insert. */
    private Pass measure(int count, String serverDatabase, String h2File) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = count;
        // closed last: the server database is dropped once the agent has let go of it
        try (BenchmarkDatabase database = server.open(serverDatabase, home.resolve(h2File));
             UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0);
             SisbridgeAgent agent = SisbridgeAgent.builder(home)
                     .property("sisbridge.watch.enabled", false) // a benchmark must not need, or take, the service's port
                     .secrets(new SecretSource(BenchmarkDatabase.secrets(settings.clientSecret)))
                     .property("sisbridge.upstream.base-url", simulator.baseUrl())
                     .property("sisbridge.staging.jdbc-url", database.jdbcUrl())
                     .property("sisbridge.staging.username", database.user())
                     .property("sisbridge.events.page-size", 1000)
                     .property("sisbridge.staging.batch-size", 1000)
                     .property("sisbridge.events.poll-interval-ms", 100)
                     .property("sisbridge.events.initial-delay-ms", 0)
                     .property("sisbridge.events.max-pages-per-poll", 1_000_000)
                     .build()) {
            HeapPeak heap = HeapPeak.start();
            long startingUp = System.nanoTime();
            agent.start();
            // the clock starts when the routes are up: start-up (Flyway, Camel) is printed apart
            long started = System.nanoTime();
            EventsFlowStatistics statistics = agent.bean("eventsFlowStatistics", EventsFlowStatistics.class);
            while (!statistics.caughtUp(settings.misCodes)) {
                Thread.sleep(10);
            }
            long pipelineNanos = System.nanoTime() - started;
            heap.close();
            DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
            long stored = count(dataSource);
            StatusTransitionPolicy transitions = agent.bean("statusTransitionPolicy", StatusTransitionPolicy.class);
            long plainNanos = PlainEventInsert.run(dataSource, database, YardstickTable.Method.BATCH_INSERT,
                    simulator.feed(), "111", transitions);
            long copyNanos = !database.isPostgres() ? 0 : PlainEventInsert.run(dataSource, database,
                    YardstickTable.Method.POSTGRES_COPY, simulator.feed(), "111", transitions);
            return new Pass(new PassFigures(database.describe(), stored, pipelineNanos, count, plainNanos, count, copyNanos,
                    heap.peakUsedBytes(), heap.peakLiveBytes()), started - startingUp);
        }
    }

    /** One pass's figures, and how long the agent took to start (Flyway, Camel). */
    private record Pass(PassFigures figures, long startupNanos) {
    }

    private static long count(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM idme_status_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
