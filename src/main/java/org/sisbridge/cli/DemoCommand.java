package org.sisbridge.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.sisbridge.demo.DemoRun;
import org.sisbridge.simulator.SimulatorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The main job on embedded defaults, for a first look: simulator, real routes, H2 under data/. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run every flow once against a built-in simulator and print what happened.",
                "The agent runs against an in-process upstream simulator and an H2 database under data/,",
                "then prints what was received, stored, skipped and rejected, and where the data is.",
                "The demo database (data/sisbridge-demo) is recreated on every run."})
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "3000", description = "Events in the simulated feed (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated population (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout-seconds", defaultValue = "300", description = "Give up after this long (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        SimulatorSettings settings = SimulatorSettings.demo();
        settings.eventsPerMisCode = events;
        settings.seed = seed;
        return new DemoRun(SisbridgeCommand.home(), settings, Duration.ofSeconds(timeoutSeconds), System.out).run();
    }
}
