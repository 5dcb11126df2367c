package org.sisbridge.cli;

import java.util.concurrent.Callable;
import org.sisbridge.check.StartupWarnings;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.config.ConfigFindings;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.config.LoadedConfiguration;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.staging.StagingDatabaseUnreachableException;
import org.sisbridge.watch.ManagementPortInUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The service: runs every enabled flow on its schedule until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent as a service against the configured upstream and staging database.")
public class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // first: which files and which database, so a start on the wrong configuration shows at once
        LOG.info("{}", config.banner());
        // refuse to start on an unknown key or a bad value, naming it, before anything is built
        AgentConfiguration configuration = config.configuration();
        ConfigFindings findings = configuration.validate(System.getenv());
        if (!findings.valid()) {
            spec.commandLine().getErr().println(new InvalidConfigurationException(findings.errors()).getMessage());
            return 2;
        }
        // what check warns about (a secret file others may read, a password in the JDBC URL), in the log of every start
        try (LoadedConfiguration loaded = configuration.load(System.getenv())) {
            StartupWarnings.of(loaded.properties(), System.getenv()).forEach(w -> LOG.warn("Configuration: {}", w));
        }
        SisbridgeAgent.Builder builder = SisbridgeAgent.builder(SisbridgeCommand.home());
        if (config.file() != null) {
            builder.overrideFile(config.file());
        }
        try {
            builder.build().runUntilStopped();
        } catch (Exception e) {
            // what only shows when the agent is built (a secret that is not there) is refused like the rest
            InvalidConfigurationException invalid = causeOf(e, InvalidConfigurationException.class);
            if (invalid != null) {
                spec.commandLine().getErr().println(invalid.getMessage());
                return 2;
            }
            // a database that is down at start: one line in the log and on the console; the service
            // manager starts the agent again (Restart=on-failure, WinSW onfailure)
            StagingDatabaseUnreachableException unreachable = causeOf(e, StagingDatabaseUnreachableException.class);
            if (unreachable != null) {
                return notStarted(unreachable.getMessage() + "\n" + StagingConnection.WHAT_TO_CHECK);
            }
            ManagementPortInUseException portInUse = causeOf(e, ManagementPortInUseException.class);
            if (portInUse != null) {
                return notStarted(portInUse.getMessage());
            }
            throw e;
        }
        return 0;
    }

    private int notStarted(String why) {
        LOG.error("Not started: {}", why);
        spec.commandLine().getErr().println(why);
        return 1;
    }

    static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
