package org.sisbridge.cli;

import java.util.concurrent.Callable;
import org.sisbridge.benchmark.EventsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Throughput and memory figures, measured and printed (never asserted by timed tests). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure a pipeline against the in-process simulator and print the figures.",
                "Run it with a capped heap to check bounded memory: JAVA_OPTS=-Xmx256m ./sisbridge benchmark events"})
public class BenchmarkCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "events", description = "Which pipeline: events (default).")
    String pipeline;

    @Option(names = "--events", defaultValue = "200000", description = "Events to pull (default ${DEFAULT-VALUE}).")
    int events;

    @Override
    public Integer call() throws Exception {
        if (!"events".equals(pipeline)) {
            System.err.println("Unknown pipeline '" + pipeline + "'; available: events");
            return 2;
        }
        return new EventsBenchmark(SisbridgeCommand.home(), events, System.out).run();
    }
}
