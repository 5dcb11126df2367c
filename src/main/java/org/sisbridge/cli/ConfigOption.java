package org.sisbridge.cli;

import java.nio.file.Path;
import java.util.Map;
import org.sisbridge.config.AgentConfiguration;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option of every command that reads the agent's configuration. Without
 * it, the environment variable {@value #VARIABLE} names the file: an administrator who sets it once
 * in their profile gets the service's configuration in {@code status} and {@code rejects} too,
 * rather than the shipped defaults (an H2 database under data/ that the service never used).
 */
public class ConfigOption {

    /** The environment variable naming the override file when --config is not given. */
    public static final String VARIABLE = "SISBRIDGE_CONFIG";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file layered over config/application.properties (for site-specific values);"
                    + " default: the file named by the environment variable " + VARIABLE + ", if set.")
    Path overrideFile;

    /** The override file: --config, else {@value #VARIABLE}, else none. */
    static Path overrideFile(Path option, Map<String, String> environment) {
        if (option != null) {
            return option;
        }
        String named = environment.getOrDefault(VARIABLE, "").trim();
        return named.isEmpty() ? null : Path.of(named);
    }

    /** Where the override file came from, for the line every command starts with. */
    static String origin(Path option, Map<String, String> environment) {
        return option != null ? "--config" : environment.getOrDefault(VARIABLE, "").isBlank() ? null : VARIABLE;
    }

    /** The override file this command reads: --config, else {@value #VARIABLE}, else null. */
    Path file() {
        return overrideFile(overrideFile, System.getenv());
    }

    AgentConfiguration configuration() {
        return new AgentConfiguration(SisbridgeCommand.home(), file(), Map.of());
    }

    /** The first line of the command's output: which files, which database (see {@link ConfigurationBanner}). */
    String banner() {
        return ConfigurationBanner.of(configuration(), origin(overrideFile, System.getenv()), System.getenv());
    }
}
