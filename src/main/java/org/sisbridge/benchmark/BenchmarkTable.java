package org.sisbridge.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code sisbridge benchmark table}: the events and reports benchmarks on each database, every figure
 * min / median / max of the timed runs, as the markdown table of docs/reliability-and-limits.md and
 * the README, headed by the date and the machine (cores, memory, CPU, Java, database versions). The
 * table replaces what stands between each page's {@link #BEGIN} and {@link #END} markers, so one
 * command regenerates both.
 */
public final class BenchmarkTable {

    public static final String BEGIN = "<!-- benchmark-table:begin (./sisbridge benchmark table regenerates it) -->";
    public static final String END = "<!-- benchmark-table:end -->";

    private final Path home;
    private final int events;
    private final long rows;
    private final int warmupPasses;
    private final int runs;
    private final boolean simulatorInProcess;
    private final List<String> databases;
    private final List<BenchmarkLayout> layouts;
    private final String jdbcUrl;
    private final String user;
    private final List<Path> docs;
    private final PrintStream out;

    /**
     * @param layouts       the staging layouts measured on each database (a line each for events and reports)
     * @param jdbcUrl, user a server to use instead of the local ones (only with a single server database)
     */
    public BenchmarkTable(Path home, int events, long rows, int warmupPasses, int runs, boolean simulatorInProcess, List<String> databases,
                          List<BenchmarkLayout> layouts, String jdbcUrl, String user, List<Path> docs, PrintStream out) {
        this.home = home;
        this.events = events;
        this.rows = rows;
        this.warmupPasses = warmupPasses;
        this.runs = runs;
        this.simulatorInProcess = simulatorInProcess;
        this.databases = databases;
        this.layouts = layouts;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.docs = docs;
        this.out = out;
    }

    public int run() throws Exception {
        String started = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
        List<Line> lines = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String database : databases) {
            BenchmarkDatabase.Server server = BenchmarkDatabase.Server.of(database, jdbcUrl, user);
            try {
                for (BenchmarkLayout layout : layouts) {
                    lines.add(new Line(flow("events", layout), RunsSummary.of(new EventsBenchmark(home, events,
                            (int) WarmupPasses.volume(events), warmupPasses, runs, simulatorInProcess, server, layout, out).passes())));
                    lines.add(new Line(flow("reports", layout), RunsSummary.of(new ReportsBenchmark(home, rows,
                            WarmupPasses.volume(rows), warmupPasses, runs, server, layout, out).passes())));
                }
            } catch (java.sql.SQLException e) {
                // a development machine without that server: the table says which database is missing
                out.printf("  %s left out: %s%n", database, e.getMessage());
                missing.add(database + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        String table = markdown(started, lines, missing);
        out.println();
        out.println(table);
        int status = 0;
        for (Path doc : docs) {
            if (!"none".equals(doc.toString())) {
                status = Math.max(status, writeInto(doc, table));
            }
        }
        return status;
    }

    /** The table between the page's markers; 1 (and a line) for a page without them. */
    private int writeInto(Path doc, String table) throws java.io.IOException {
        String page = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            out.printf("%s has no %s ... %s markers: the table is not written there%n", doc, BEGIN, END);
            return 1;
        }
        Files.writeString(doc, page.substring(0, begin + BEGIN.length()) + "\n" + table + "\n" + page.substring(end),
                StandardCharsets.UTF_8);
        out.printf("Written into %s%n", doc);
        return 0;
    }

    private record Line(String flow, RunsSummary figures) {
    }

    /** The flow's cell: "events" in the generic layout (the table as it always was), "events (banner)" in a college's. */
    private static String flow(String flow, BenchmarkLayout layout) {
        return layout.isGeneric() ? flow : flow + " (" + layout.name() + ")";
    }

    /** The heading lines (date, machine, volumes) and the table, min / median / max in every figure's cell. */
    String markdown(String date, List<Line> lines, List<String> missing) {
        Set<String> products = new LinkedHashSet<>();
        lines.forEach(l -> products.add(l.figures().product()));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream md = new PrintStream(text, true, StandardCharsets.UTF_8);
        md.printf("Measured %s on %s; %s.%n", date, machine(), String.join(", ", products));
        md.printf("Events: %,d a run; reports: %,d rows a run; %d timed run(s) each %s, every cell min / median / max"
                + " (odd runs time the pipeline first, even runs the yardsticks first); simulator %s; agent heap -Xmx256m,"
                + " parallel GC.%n", events, rows, runs,
                warmupPasses == 0 ? "without a warm-up"
                        : "after " + warmupPasses + " untimed warm-up pass(es) of half that volume (at most 100,000)",
                simulatorInProcess ? "in the agent's JVM" : "in a JVM of its own, serving pages rendered before the run");
        if (!missing.isEmpty()) {
            md.printf("Left out (no server): %s.%n", String.join("; ", missing));
        }
        if (layouts.stream().anyMatch(l -> !l.isGeneric())) {
            md.printf("Layouts: %s; a college's (flow in brackets) has its tables made from its DDL"
                    + " (what migrate --print prints for it) and the agent runs with its mapping and manage-schema=false; the"
                    + " yardsticks write the same converted values into a copy of its table.%n",
                    String.join(", ", layouts.stream().map(BenchmarkLayout::name).toList()));
        }
        md.println();
        md.println("| flow | database | pipeline (/s) | plain batch insert (/s) | COPY (/s) | pipeline / plain | pipeline / COPY |");
        md.println("|---|---|---|---|---|---|---|");
        for (Line line : lines) {
            RunsSummary f = line.figures();
            md.printf("| %s | %s | %s | %s | %s | %s | %s |%n", line.flow(), f.product(), f.pipeline().rates(), f.plain().rates(),
                    f.copy() == null ? "" : f.copy().rates(), bold(f.ratio(), 0.9),
                    f.copyRatio() == null ? "" : bold(f.copyRatio(), 0.8));
        }
        return text.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    /** A ratio whose median misses its goal stands out. */
    private static String bold(Spread ratio, double goal) {
        return ratio.median() < goal ? "**" + ratio.ratios() + "**" : ratio.ratios();
    }

    /** Cores, memory, CPU model, Java and OS: what a reader needs to compare the figures with theirs. */
    static String machine() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim() + ", ").orElse("");
        } catch (Exception notLinux) {
            // the model is a nicety
        }
        return String.format(Locale.ROOT, "%s%d cores, %s memory, Java %s (%s), %s %s", cpu,
                Runtime.getRuntime().availableProcessors(), memory > 0 ? (memory >> 30) + " GB" : "unknown",
                System.getProperty("java.version"), System.getProperty("java.vm.vendor"), System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }
}
