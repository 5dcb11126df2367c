package org.sisbridge.cli;

import java.nio.file.Path;
import java.util.Map;
import org.sisbridge.config.AgentConfiguration;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option of every command that reads the agent's configuration. */
public class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file layered over config/application.properties (for site-specific values).")
    Path overrideFile;

    AgentConfiguration configuration() {
        return new AgentConfiguration(SisbridgeCommand.home(), overrideFile, Map.of());
    }
}
