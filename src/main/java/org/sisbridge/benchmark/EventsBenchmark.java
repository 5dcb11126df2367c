package org.sisbridge.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.events.EventsFlowStatistics;
import org.sisbridge.events.WriteBehindPages;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.mapping.MappingFile;

/**
 * Pulls N events from the simulator (in a JVM of its own, answering from pages it rendered before
 * listening, unless told otherwise) through the real routes into a fresh database (an H2 file, or
 * sisbridge_bench_events on a PostgreSQL or MariaDB server) and prints events/second end to end,
 * beside a plain JDBC batch insert of the same rows into the same database (and on PostgreSQL a COPY
 * of them), and this JVM's peak heap.
 *
 * <p>Smaller warm-up passes of both come first, into a database of their own, so that neither side is
 * timed while the JIT compiler is still compiling the code it shares (H2's, the JDBC driver's): the
 * pipeline ran first and would otherwise pay for the compiling that the plain insert then enjoys.
 * Two of them by default ({@link WarmupPasses}): the first agent started after a warm-up undoes much
 * of what it compiled.
 *
 * <p>The timed runs take turns at going first ({@link RunOrder}): whichever writes second finds the
 * database warmer. Before each phase the database writes out what the phases before left in memory
 * and the heap is collected ({@link PhaseSettling}), so that no phase pays for an earlier one's writes.
 */
public final class EventsBenchmark {

    /** How long the pipeline may receive nothing before the run is given up. */
    private static final long STALL_NANOS = 120_000_000_000L;
    /** The agent's page size, and the limit the out-of-process simulator renders its pages for. */
    private static final int PAGE_SIZE = 1000;

    private final Path home;
    private final int events;
    private final int warmupEvents;
    private final int warmupPasses;
    private final int runs;
    private final boolean simulatorInProcess;
    private final BenchmarkDatabase.Server server;
    private final BenchmarkLayout layout;
    private final PrintStream out;

    /**
     * @param warmupPasses       untimed passes of warmupEvents before the runs, each with an agent of its own ({@link WarmupPasses})
     * @param runs               timed runs after the warm-up (each on a fresh database, agent and simulator)
     * @param simulatorInProcess the simulator in this JVM (quicker to start, but its CPU then counts against the agent)
     * @param layout             the tables the agent stages into, and the yardsticks' copy of them
     */
    public EventsBenchmark(Path home, int events, int warmupEvents, int warmupPasses, int runs, boolean simulatorInProcess,
                           BenchmarkDatabase.Server server, BenchmarkLayout layout, PrintStream out) {
        this.home = home;
        this.events = events;
        this.warmupEvents = warmupEvents;
        this.warmupPasses = warmupEvents > 0 ? warmupPasses : 0;
        this.runs = runs;
        this.simulatorInProcess = simulatorInProcess;
        this.server = server;
        this.layout = layout;
        this.out = out;
    }

    public int run() throws Exception {
        List<PassFigures> passes = passes();
        RunsSummary.of(passes).print(out, "events");
        return passes.stream().allMatch(p -> p.pipelineRows() == events) ? 0 : 1;
    }

    /** The warm-up (printed, not returned), then the timed runs, each printed as it ends. */
    List<PassFigures> passes() throws Exception {
        out.printf("Events benchmark: %,d events, %d run(s), simulator %s, max heap %s%n", events, runs,
                simulatorInProcess ? "in this JVM (its CPU counts against the agent)"
                        : String.format("in a JVM of its own serving pages it pre-rendered for limit %d before"
                                + " listening (its CPU during a run: socket writes only; its heap -Xmx%dm)",
                                PAGE_SIZE, simulatorHeapMegabytes()),
                HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));
        out.println("  (the agent's page lines go to the log; this prints the figures)");
        out.printf("  staging layout: %s%n", layout.describe("idme_status_event"));
        for (int warmup = 1; warmup <= warmupPasses; warmup++) {
            measure(warmupEvents, "sisbridge_bench_events_warmup" + layout.databaseSuffix(), "data/benchmark/events-warmup",
                    RunOrder.PIPELINE_FIRST)
                    .figures().printWarmup(out, warmup, warmupPasses, warmupEvents, "events");
        }
        List<PassFigures> passes = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            RunOrder order = RunOrder.of(run);
            Pass pass = measure(events, "sisbridge_bench_events" + layout.databaseSuffix(), "data/benchmark/events", order);
            PassFigures figures = pass.figures();
            out.printf("  run %d of %d, database: %s (%s), %s%n", run, runs, figures.database(), figures.product(), order.describe());
            out.printf("  pages committed on %d writer connection(s) (sisbridge.events.writer-connections)%n",
                    pass.writerConnections());
            out.printf("  agent start-up (Flyway, Camel routes): %.2f s%n", pass.startupNanos() / 1e9);
            out.printf("  pipeline end to end (HTTP + JSON + validation + staging): %,d rows in %.2f s = %,.0f events/s%n",
                    figures.pipelineRows(), figures.pipelineNanos() / 1e9, figures.pipelineRate());
            out.printf("  plain JDBC batch insert of the same rows, same database:  %,d rows in %.2f s = %,.0f rows/s%n",
                    figures.plainRows(), figures.plainNanos() / 1e9, figures.plainRate());
            figures.printComparison(out, "PostgreSQL COPY FROM STDIN of the same rows, same database:  ",
                    simulatorInProcess ? "heap during the pipeline run (simulator included)" : "heap during the pipeline run");
            passes.add(figures);
        }
        return passes;
    }

    /** One pass: a fresh database, simulator and agent; the pipeline and the plain insert timed, in the given order. */
    private Pass measure(int count, String serverDatabase, String h2File, RunOrder order) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = count;
        // closed last: the server database is dropped once the agent has let go of it
        try (BenchmarkDatabase database = server.open(serverDatabase, home.resolve(h2File));
             Upstream simulator = simulatorInProcess ? Upstream.inProcess(settings)
                     : Upstream.process(settings, home.resolve("data/benchmark/simulator"), simulatorHeapMegabytes());
             SisbridgeAgent agent = SisbridgeAgent.builder(home)
                     .property("sisbridge.watch.enabled", false) // a benchmark must not need, or take, the service's port
                     .property("sisbridge.watch.staff-pages-enabled", false) // their routes need the endpoint the line above turns off
                     .secrets(new SecretSource(BenchmarkDatabase.secrets(settings.clientSecret)))
                     .property("sisbridge.upstream.base-url", simulator.baseUrl())
                     .property("sisbridge.staging.jdbc-url", database.jdbcUrl())
                     .property("sisbridge.staging.username", database.user())
                     .property("sisbridge.events.page-size", PAGE_SIZE)
                     .property("sisbridge.staging.batch-size", 1000)
                     .property("sisbridge.events.poll-interval-ms", 100)
                     .property("sisbridge.events.initial-delay-ms", 0)
                     // started below, once the database has settled (and, yardsticks first, they are done)
                     .property("sisbridge.events.enabled", false)
                     .property("sisbridge.events.max-pages-per-poll", 1_000_000)
                     .property(MappingFile.KEY, layout.name())
                     .property("sisbridge.staging.manage-schema", layout.manageSchema())
                     .build()) {
            layout.prepare(database);
            // the same seed and settings: the very events the simulator serves
            EventFeed feed = new EventFeed(settings);
            long startingUp = System.nanoTime();
            agent.start();
            long startupNanos = System.nanoTime() - startingUp;
            PhaseSettling settling = new PhaseSettling(database, agent.bean("stagingDataSource", DataSource.class), out);
            long[] yardsticks = null;
            if (order == RunOrder.YARDSTICKS_FIRST) {
                yardsticks = yardsticks(agent, database, feed, settling);
            }
            settling.beforePhase();
            HeapPeak heap = HeapPeak.start();
            // the clock starts with the feed's route: the agent's start-up (Flyway, Camel) is printed apart
            long started = System.nanoTime();
            agent.camelContext().getRouteController().startRoute("idme-events-poll");
            EventsFlowStatistics statistics = agent.bean("eventsFlowStatistics", EventsFlowStatistics.class);
            // a pipeline that stops receiving (its database dropped or frozen, say) ends the run with a line
            // instead of waiting for ever
            long lastReceived = -1;
            long lastProgress = System.nanoTime();
            while (!statistics.caughtUp(settings.misCodes)) {
                long received = statistics.snapshot().received();
                if (received != lastReceived) {
                    lastReceived = received;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    throw new IllegalStateException("the pipeline received nothing for " + STALL_NANOS / 1_000_000_000L
                            + " s after " + received + " events; see the agent's log (is " + database.describe()
                            + " still there and answering?)");
                }
                Thread.sleep(10);
            }
            long pipelineNanos = System.nanoTime() - started;
            heap.close();
            DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
            long stored = layout.rows(dataSource, "idme_status_event");
            if (yardsticks == null) {
                yardsticks = yardsticks(agent, database, feed, settling);
            }
            return new Pass(new PassFigures(database.describe(), BenchmarkDatabase.product(dataSource), stored, pipelineNanos, count,
                    yardsticks[0], count, yardsticks[1], heap.peakUsedBytes(), heap.peakLiveBytes()), startupNanos,
                    agent.bean("eventPagesWriteBehind", WriteBehindPages.class).writerConnections());
        }
    }

    /** The plain batch insert and, on PostgreSQL, COPY of the feed's rows into copies of the table: their nanoseconds. */
    private long[] yardsticks(SisbridgeAgent agent, BenchmarkDatabase database, EventFeed feed, PhaseSettling settling)
            throws Exception {
        DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
        StatusTransitionPolicy transitions = agent.bean("statusTransitionPolicy", StatusTransitionPolicy.class);
        settling.beforePhase();
        long plainNanos = PlainEventInsert.run(dataSource, database, YardstickTable.Method.BATCH_INSERT,
                feed, "111", transitions, layout.table("idme_status_event"));
        if (!database.isPostgres()) {
            return new long[] {plainNanos, 0};
        }
        settling.beforePhase();
        long copyNanos = PlainEventInsert.run(dataSource, database,
                YardstickTable.Method.POSTGRES_COPY, feed, "111", transitions, layout.table("idme_status_event"));
        return new long[] {plainNanos, copyNanos};
    }

    /** The simulator the agent pulls from: in this JVM, or in one of its own. */
    private interface Upstream extends AutoCloseable {
        String baseUrl();

        static Upstream inProcess(SimulatorSettings settings) {
            UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0);
            return new Upstream() {
                public String baseUrl() {
                    return simulator.baseUrl();
                }

                public void close() {
                    simulator.close();
                }
            };
        }

        /** Pre-rendered pages: the simulator's JVM needs no warm-up, as it only copies bytes to the socket. */
        static Upstream process(SimulatorSettings settings, Path work, long heapMegabytes) throws Exception {
            SimulatorProcess simulator = SimulatorProcess.start(settings.eventsPerMisCode, settings.clientSecret, work,
                    PAGE_SIZE, heapMegabytes);
            return new Upstream() {
                public String baseUrl() {
                    return simulator.baseUrl();
                }

                public void close() throws Exception {
                    simulator.close();
                }
            };
        }
    }

    /** One heap for every pass, big enough for the largest (the warm-up may be given more events than the runs). */
    private long simulatorHeapMegabytes() {
        return SimulatorProcess.heapMegabytes(Math.max(events, warmupEvents));
    }

    /** One pass's figures, and how long the agent took to start (Flyway, Camel). */
    private record Pass(PassFigures figures, long startupNanos, int writerConnections) {
    }
}
