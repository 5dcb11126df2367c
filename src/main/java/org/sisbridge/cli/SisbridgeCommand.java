package org.sisbridge.cli;

import java.nio.file.Path;
import org.sisbridge.config.Launcher;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sisbridge} command line: one subcommand per way people use the agent. */
@Command(name = "sisbridge", mixinStandardHelpOptions = true, versionProvider = SisbridgeVersion.class,
        description = "On-premise agent that connects a college SIS to the CCC systemwide services.",
        subcommands = {RunCommand.class, DemoCommand.class, SimulatorCommand.class, BenchmarkCommand.class,
                CheckCommand.class, MigrateCommand.class, StatusCommand.class, RejectsCommand.class, UsersCommand.class, ReconcileCommand.class})
public class SisbridgeCommand implements Runnable {

    /** The install directory (config/, routes/, data/); the launcher sets it. */
    static Path home() {
        return Path.of(System.getProperty("sisbridge.home", ".")).toAbsolutePath().normalize();
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        // first: the drivers and the logging read the default zone once they start (ProcessTimeZone says why)
        org.sisbridge.runtime.ProcessTimeZone.useUtc();
        // before any JDK HttpClient exists: a college proxy's Basic login must work for https tunnels too
        org.sisbridge.upstream.UpstreamProxy.allowBasicForTunnels();
        // usage and help name the launcher the person ran (bin/sisbridge, ./sisbridge)
        System.exit(new CommandLine(new SisbridgeCommand()).setCommandName(Launcher.name()).execute(args));
    }
}
