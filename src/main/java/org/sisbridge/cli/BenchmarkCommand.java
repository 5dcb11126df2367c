package org.sisbridge.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sisbridge.benchmark.BenchmarkDatabase;
import org.sisbridge.benchmark.BenchmarkLayout;
import org.sisbridge.benchmark.BenchmarkTable;
import org.sisbridge.benchmark.EventsBenchmark;
import org.sisbridge.benchmark.ReportsBenchmark;
import org.sisbridge.benchmark.RosterBenchmark;
import org.sisbridge.benchmark.RosterSourceBenchmark;
import org.sisbridge.benchmark.WarmupPasses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Throughput and memory figures, measured and printed (never asserted by timed tests). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure a pipeline against the simulator and print the figures (min / median / max of --runs timed runs).",
                "The docs' table: ./sisbridge benchmark table [--databases h2,postgresql,mariadb] [--events 200000 --rows 300000].",
                "The launcher caps the heap at 256 MB (JAVA_OPTS=\"-Xmx256m -XX:+UseParallelGC\"), so the figures show bounded memory.",
                "Reports: ./sisbridge benchmark reports --rows 1000000 (a report file through the drop folder).",
                "Roster: ./sisbridge benchmark roster --students 100000 (bulk CCCID creation from the outbox table);"
                        + " --format xlsx drops the roster as one workbook in the roster inbox instead;"
                        + " --from-source reads the students from Banner-like tables with the source query.",
                "Events, reports and table also into a college's layout: --layout peoplesoft|banner (its tables made from its DDL,"
                        + " the agent on its mapping with manage-schema=false, the yardsticks into a copy of its table).",
                "Events, reports and roster --from-source also on a server: --database postgresql|mariadb (a database of their own,"
                        + " created and dropped; password from SISBRIDGE_DB_PASSWORD)."})
public class BenchmarkCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "events", description = "Which pipeline: events (default), reports or roster;"
            + " or table: events and reports on every database of --databases, written as the table of"
            + " docs/reliability-and-limits.md (between its benchmark-table markers), with the date and the machine.")
    String pipeline;

    @Option(names = "--runs", defaultValue = "3", description = "Events and reports: timed runs after the warm-up, each"
            + " figure printed as min / median / max over them (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--simulator", defaultValue = "process", description = "Events: where the simulator runs: process"
            + " (default, a JVM of its own, so its CPU is not counted against the agent) or in-process.")
    String simulator;

    @Option(names = "--databases", defaultValue = "h2,postgresql,mariadb", split = ",",
            description = "table: the databases to measure (default ${DEFAULT-VALUE}); a server that is not there is left out and said so.")
    List<String> databases;

    @Option(names = "--doc", split = ",", description = "table: the pages whose table is replaced (default"
            + " docs/reliability-and-limits.md and README.md under the install; none: print only).")
    List<java.nio.file.Path> doc;

    @Option(names = "--events", defaultValue = "200000", description = "Events to pull (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--warmup", description = "Events or report rows staged and inserted first, untimed, into a database"
            + " of their own, so that neither side is timed while the JIT compiles (default half the volume, at most 100000;"
            + " 0: none).")
    Integer warmup;

    @Option(names = "--warmup-passes", defaultValue = "" + WarmupPasses.DEFAULT, description = "Events, reports and table:"
            + " untimed warm-up passes before the timed runs, each with an agent of its own (default ${DEFAULT-VALUE}: the"
            + " first agent started after a warm-up still makes the JIT recompile much of what it compiled).")
    int warmupPasses;

    @Option(names = "--rows", description = "Report rows to load (default 1000000 for reports, 300000 for table).")
    Long rows;

    @Option(names = "--students", defaultValue = "100000", description = "Students to push, roster pipeline (default ${DEFAULT-VALUE}).")
    int students;

    @Option(names = "--format", defaultValue = "outbox",
            description = "Roster: outbox (default, rows queued in the outbox table) or xlsx (a workbook dropped in the roster inbox).")
    String format;

    @Option(names = "--from-source", description = "Roster: the students come from Banner-like SIS tables through the"
            + " source query (sisbridge.roster.source.*), not from rows queued in the outbox.")
    boolean fromSource;

    @Option(names = "--database", defaultValue = "h2",
            description = "Events, reports and roster --from-source: h2 (default, a file under data/benchmark), postgresql or mariadb.")
    String database;

    @Option(names = "--layout", defaultValue = "generic", split = ",", description = "Events, reports and table: the"
            + " staging layout, generic (default, the agent's own tables), peoplesoft or banner (config/mappings/NAME.yaml);"
            + " table takes a list (generic,peoplesoft,banner), a line per layout.")
    List<String> layouts;

    @Option(names = "--jdbc-url", description = "Server to benchmark on (default jdbc:postgresql://127.0.0.1:5432/test,"
            + " jdbc:mariadb://127.0.0.1:3306/test); the benchmark creates and drops its own database sisbridge_bench_* there.")
    String jdbcUrl;

    @Option(names = "--user", description = "Server user, allowed to create databases (default postgres, root).")
    String user;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            System.err.println("--runs must be at least 1");
            return 2;
        }
        if (warmupPasses < 0) {
            System.err.println("--warmup-passes must be 0 or more");
            return 2;
        }
        if (!List.of("process", "in-process").contains(simulator)) {
            System.err.println("Unknown simulator place '" + simulator + "'; available: process, in-process");
            return 2;
        }
        for (String layout : layouts) {
            if (!BenchmarkLayout.NAMES.contains(layout)) {
                System.err.println("Unknown layout '" + layout + "'; available: " + String.join(", ", BenchmarkLayout.NAMES));
                return 2;
            }
        }
        if ("table".equals(pipeline)) {
            for (String d : databases) {
                if (!List.of("h2", "postgresql", "mariadb").contains(d)) {
                    System.err.println("Unknown database '" + d + "'; available: h2, postgresql, mariadb");
                    return 2;
                }
            }
            return new BenchmarkTable(SisbridgeCommand.home(), events, rows != null ? rows : 300_000, warmupPasses, runs,
                    "in-process".equals(simulator), databases, layouts.stream().map(this::layout).toList(), jdbcUrl, user,
                    doc != null ? doc : List.of(SisbridgeCommand.home().resolve("docs/reliability-and-limits.md"),
                            SisbridgeCommand.home().resolve("README.md")), System.out).run();
        }
        if (!List.of("h2", "postgresql", "mariadb").contains(database)) {
            System.err.println("Unknown database '" + database + "'; available: h2, postgresql, mariadb");
            return 2;
        }
        if (layouts.size() != 1 || ("roster".equals(pipeline) && !"generic".equals(layouts.get(0)))) {
            System.err.println("--layout: events and reports take one layout, the roster benchmarks the generic one only");
            return 2;
        }
        if ("roster".equals(pipeline) && !fromSource && !"h2".equals(database)) {
            System.err.println("The roster benchmark runs on H2 only; --database is for events, reports and roster --from-source");
            return 2;
        }
        if (!List.of("outbox", "xlsx").contains(format)) {
            System.err.println("Unknown roster format '" + format + "'; available: outbox, xlsx");
            return 2;
        }
        if ("roster".equals(pipeline) && fromSource) {
            return new RosterSourceBenchmark(SisbridgeCommand.home(), students, server(), System.out).run();
        }
        if ("roster".equals(pipeline)) {
            return new RosterBenchmark(SisbridgeCommand.home(), students, format, System.out).run();
        }
        if ("reports".equals(pipeline)) {
            long reportRows = rows != null ? rows : 1_000_000;
            return new ReportsBenchmark(SisbridgeCommand.home(), reportRows,
                    warmup != null ? warmup : WarmupPasses.volume(reportRows), warmupPasses, runs, server(), layout(layouts.get(0)),
                    System.out).run();
        }
        if (!"events".equals(pipeline)) {
            System.err.println("Unknown pipeline '" + pipeline + "'; available: events, reports, roster");
            return 2;
        }
        return new EventsBenchmark(SisbridgeCommand.home(), events,
                warmup != null ? warmup : (int) WarmupPasses.volume(events), warmupPasses, runs, "in-process".equals(simulator), server(),
                layout(layouts.get(0)), System.out).run();
    }

    private BenchmarkLayout layout(String name) {
        return BenchmarkLayout.of(name, SisbridgeCommand.home());
    }

    private BenchmarkDatabase.Server server() {
        return BenchmarkDatabase.Server.of(database, jdbcUrl, user);
    }
}
