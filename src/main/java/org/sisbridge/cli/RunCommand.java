package org.sisbridge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sisbridge.runtime.SisbridgeAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The service: runs every enabled flow on its schedule until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent as a service against the configured upstream and staging database.")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file layered over config/application.properties (for site-specific values).")
    Path overrideFile;

    @Override
    public Integer call() throws Exception {
        SisbridgeAgent.Builder builder = SisbridgeAgent.builder(SisbridgeCommand.home());
        if (overrideFile != null) {
            builder.overrideFile(overrideFile);
        }
        builder.build().runUntilStopped();
        return 0;
    }
}
