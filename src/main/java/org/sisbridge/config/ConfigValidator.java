package org.sisbridge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.spi.PropertiesComponent;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingDatabase;

/**
 * Checks the effective configuration (files, override file, environment variables, command
 * overrides, resolved as the agent resolves them) before anything starts: every {@code sisbridge.*}
 * key must be one config/application.properties documents, and every value must follow its
 * {@link ConfigKeys rule}. Shared by {@code run} (refuses to start) and {@code check} (reports).
 */
public final class ConfigValidator {

    /** Set by the agent itself, never by a site. */
    private static final Set<String> INTERNAL_KEYS = Set.of("sisbridge.home");

    private ConfigValidator() {
    }

    /**
     * @param referenceKeys the keys config/application.properties documents
     * @param environment   the process environment, for SISBRIDGE_* variables that match no key
     */
    public static ConfigFindings validate(PropertiesComponent properties, Set<String> referenceKeys,
                                          Map<String, String> environment) {
        return validate(properties, referenceKeys, environment, new SecretSource(environment));
    }

    /** @param secrets where the agent reads its secrets (a rule may depend on whether one is set) */
    public static ConfigFindings validate(PropertiesComponent properties, Set<String> referenceKeys,
                                          Map<String, String> environment, SecretSource secrets) {
        Set<String> known = new TreeSet<>(referenceKeys);
        known.addAll(ConfigKeys.rules().keySet());
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(properties.loadProperties().stringPropertyNames())) {
            if (key.startsWith("sisbridge.") && !known.contains(key) && !INTERNAL_KEYS.contains(key)) {
                errors.add("unknown key " + key + ClosestKey.to(key, known).map(k -> " (did you mean " + k + "?)")
                        .orElse(" (every key is listed in config/application.properties)"));
            }
        }
        for (Map.Entry<String, KeyRule> rule : ConfigKeys.rules().entrySet()) {
            String key = rule.getKey();
            Optional<String> value;
            try {
                value = properties.resolveProperty(key).map(String::trim);
            } catch (RuntimeException e) {
                errors.add(key + " cannot be resolved: " + e.getMessage());
                continue;
            }
            if (value.isEmpty()) {
                errors.add(key + " is not set (its default and meaning are in config/application.properties)");
                continue;
            }
            String problem = rule.getValue().problem(value.get());
            if (problem != null) {
                errors.add(key + " " + problem);
            }
        }
        if (errors.isEmpty()) {
            crossChecks(properties, secrets, errors);
        }
        unknownEnvironmentVariables(environment, known, properties, warnings);
        return new ConfigFindings(List.copyOf(errors), List.copyOf(warnings));
    }

    /** Rules that involve two keys; run once each key is valid on its own. */
    private static void crossChecks(PropertiesComponent p, SecretSource secrets, List<String> errors) {
        int minAge = Integer.parseInt(value(p, "sisbridge.roster.min-age"));
        int maxAge = Integer.parseInt(value(p, "sisbridge.roster.max-age"));
        if (minAge >= maxAge) {
            errors.add("sisbridge.roster.min-age (" + minAge + ") must be below sisbridge.roster.max-age (" + maxAge + ")");
        }
        int initial = Integer.parseInt(value(p, "sisbridge.roster.job-poll-initial-delay-ms"));
        int max = Integer.parseInt(value(p, "sisbridge.roster.job-poll-max-delay-ms"));
        if (initial > max) {
            errors.add("sisbridge.roster.job-poll-initial-delay-ms (" + initial
                    + ") must not exceed sisbridge.roster.job-poll-max-delay-ms (" + max + ")");
        }
        try {
            StagingDatabase.fromSetting(value(p, "sisbridge.staging.database"), value(p, "sisbridge.staging.jdbc-url"));
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
        ExposureRules.check(key -> value(p, key), secrets, errors);
    }

    private static String value(PropertiesComponent p, String key) {
        return p.resolveProperty(key).map(String::trim).orElse("");
    }

    /**
     * A SISBRIDGE_* variable overrides the key of the same name (upper case, . and - as _); one that
     * matches no key is most likely a typo, but it may belong to something else, so it only warns.
     */
    private static void unknownEnvironmentVariables(Map<String, String> environment, Set<String> known,
                                                    PropertiesComponent properties, List<String> warnings) {
        Map<String, String> byVariable = new java.util.HashMap<>();
        known.forEach(k -> byVariable.put(asVariable(k), k));
        Set<String> secretVariables = new TreeSet<>();
        for (String key : known) {
            if (key.endsWith("-env")) {
                properties.resolveProperty(key).map(String::trim).ifPresent(secretVariables::add);
            }
        }
        for (String variable : new TreeSet<>(environment.keySet())) {
            if (variable.startsWith("SISBRIDGE_") && !byVariable.containsKey(variable) && !secretVariables.contains(variable)
                    && !variable.startsWith("SISBRIDGE_TEST_") && !variable.equals("SISBRIDGE_HOME")
                    // names the override file when --config is not given (cli.ConfigOption), not a key
                    && !variable.equals("SISBRIDGE_CONFIG")) {
                warnings.add("environment variable " + variable + " sets no configuration key"
                        + ClosestKey.to(variable, byVariable.keySet()).map(v -> " (did you mean " + v + "?)").orElse(""));
            }
        }
    }

    /** The environment variable Camel reads for a key: SISBRIDGE_UPSTREAM_BASE_URL for sisbridge.upstream.base-url. */
    public static String asVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
