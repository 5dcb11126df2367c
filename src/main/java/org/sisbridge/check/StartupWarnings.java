package org.sisbridge.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.JdbcUrlMasking;

/**
 * What {@code run} warns about at start, with the same words {@code check} uses: a secret file
 * its group or every user may read, a password written inside the JDBC URL, a staging pool too small
 * for the flows. Warnings only: the agent still starts, as it did before, but the log says what to fix.
 */
public final class StartupWarnings {

    private StartupWarnings() {
    }

    public static List<String> of(AgentProperties config, Map<String, String> environment) {
        List<String> warnings = new ArrayList<>();
        secretFile(warnings, config, environment, "upstream client secret", "sisbridge.upstream.client-secret-env",
                "sisbridge.upstream.client-secret-file");
        secretFile(warnings, config, environment, "database password", "sisbridge.staging.password-env",
                "sisbridge.staging.password-file");
        secretFile(warnings, config, environment, "trust store password", "sisbridge.upstream.trust-store-password-env",
                "sisbridge.upstream.trust-store-password-file");
        secretFile(warnings, config, environment, "management endpoint token", "sisbridge.watch.token-env",
                "sisbridge.watch.token-file");
        if (JdbcUrlMasking.holdsPassword(config.textOrEmpty("sisbridge.staging.jdbc-url"))) {
            warnings.add(JdbcUrlMasking.advice());
        }
        PoolSizeAdvice.of(config).ifPresent(warnings::add);
        ProxyWithoutTokenAdvice.of(config, environment).ifPresent(warnings::add);
        return warnings;
    }

    /** Only a file that is actually used: an environment variable that is set takes precedence, as in the agent. */
    private static void secretFile(List<String> warnings, AgentProperties config, Map<String, String> environment,
                                   String what, String envKey, String fileKey) {
        String variable = config.textOrEmpty(envKey);
        String file = config.textOrEmpty(fileKey);
        if ((!variable.isEmpty() && environment.get(variable) != null && !environment.get(variable).isEmpty())
                || file.isEmpty() || !Files.isRegularFile(Path.of(file))) {
            return;
        }
        try {
            SecretCheck.readableByOthers(what, Path.of(file)).ifPresent(warnings::add);
        } catch (IOException e) {
            // unreadable: the agent's own secret reading reports it when it starts
        }
    }
}
