package org.sisbridge.cli;

import java.util.concurrent.Callable;
import org.sisbridge.benchmark.EventsBenchmark;
import org.sisbridge.benchmark.ReportsBenchmark;
import org.sisbridge.benchmark.RosterBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Throughput and memory figures, measured and printed (never asserted by timed tests). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure a pipeline against the in-process simulator and print the figures.",
                "Run it with a capped heap to check bounded memory: JAVA_OPTS=-Xmx256m ./sisbridge benchmark events",
                "Reports: ./sisbridge benchmark reports --rows 1000000 (a report file through the drop folder).",
                "Roster: ./sisbridge benchmark roster --students 100000 (bulk CCCID creation from the outbox table)."})
public class BenchmarkCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "events", description = "Which pipeline: events (default), reports or roster.")
    String pipeline;

    @Option(names = "--events", defaultValue = "200000", description = "Events to pull (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rows", defaultValue = "1000000", description = "Report rows to load, reports pipeline (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--students", defaultValue = "100000", description = "Students to push, roster pipeline (default ${DEFAULT-VALUE}).")
    int students;

    @Override
    public Integer call() throws Exception {
        if ("roster".equals(pipeline)) {
            return new RosterBenchmark(SisbridgeCommand.home(), students, System.out).run();
        }
        if ("reports".equals(pipeline)) {
            return new ReportsBenchmark(SisbridgeCommand.home(), rows, System.out).run();
        }
        if (!"events".equals(pipeline)) {
            System.err.println("Unknown pipeline '" + pipeline + "'; available: events, reports, roster");
            return 2;
        }
        return new EventsBenchmark(SisbridgeCommand.home(), events, System.out).run();
    }
}
