package org.sisbridge.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.config.ConfigValidator;
import org.sisbridge.staging.JdbcUrlMasking;

/**
 * The line every command that reads the configuration starts with: which files it read (and how
 * the override file was named), which environment variables set keys, and which staging database
 * that makes. Reproduced without it: {@code rejects list} run without --config beside an agent on
 * PostgreSQL said only "no staging database at jdbc:h2:..."; this line shows at once that the
 * site's file was not read. Never a secret: the URL is masked, variables are named, not shown.
 */
final class ConfigurationBanner {

    private ConfigurationBanner() {
    }

    /**
     * @param origin how the override file was named (--config, SISBRIDGE_CONFIG), null when there is none
     */
    static String of(AgentConfiguration configuration, String origin, Map<String, String> environment) {
        StringBuilder line = new StringBuilder("Configuration: ").append(configuration.referenceFile());
        if (configuration.overrideFile() == null) {
            line.append(" only (no --config, and ").append(ConfigOption.VARIABLE).append(" is not set)");
        } else {
            line.append(" overridden by ").append(configuration.overrideFile()).append(" (").append(origin).append(')');
        }
        List<String> variables = settingVariables(configuration, environment);
        if (!variables.isEmpty()) {
            line.append(", and by the environment: ").append(String.join(", ", variables));
        }
        line.append("; staging database ").append(database(configuration).orElse("unknown (the configuration does not load)"));
        return line.toString();
    }

    /** The SISBRIDGE_* variables that set a documented key (their names only). */
    private static List<String> settingVariables(AgentConfiguration configuration, Map<String, String> environment) {
        Set<String> keys;
        try {
            keys = configuration.referenceKeys();
        } catch (RuntimeException e) {
            return List.of();
        }
        return keys.stream().map(ConfigValidator::asVariable).filter(environment::containsKey).sorted().toList();
    }

    private static Optional<String> database(AgentConfiguration configuration) {
        if (!configuration.fileProblems().isEmpty()) {
            return Optional.empty();
        }
        DefaultCamelContext context = new DefaultCamelContext();
        try {
            PropertiesComponent properties = configuration.applyTo(context);
            return properties.resolveProperty("sisbridge.staging.jdbc-url").map(url -> JdbcUrlMasking.mask(url.trim())
                    + properties.resolveProperty("sisbridge.staging.username").map(String::trim).filter(u -> !u.isEmpty())
                    .map(u -> " as user '" + u + "'").orElse(""));
        } catch (RuntimeException e) {
            return Optional.empty();
        } finally {
            context.stop();
        }
    }
}
