package org.sisbridge.staging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sisbridge.config.InvalidConfigurationException;

/**
 * Reads a secret from an environment variable or, failing that, from a file. Secrets are never
 * read from the properties file, so they cannot end up in a repository or a support bundle.
 */
public final class SecretSource {

    private final Map<String, String> environment;

    public SecretSource(Map<String, String> environment) {
        this.environment = environment;
    }

    public static SecretSource fromSystem() {
        return new SecretSource(System.getenv());
    }

    /** @return the secret, or an empty string when neither source is set */
    public String read(String envName, String file) {
        if (envName != null && !envName.isBlank()) {
            String value = environment.get(envName.trim());
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                // a configuration error (run exits 2 with this line), not a crash
                throw new InvalidConfigurationException(List.of("cannot read secret file " + file + ": " + e.getMessage()));
            }
        }
        return "";
    }
}
