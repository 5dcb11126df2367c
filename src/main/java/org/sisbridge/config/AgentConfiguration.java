package org.sisbridge.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Where the agent's configuration comes from: {@code <home>/config/application.properties} (every
 * key, with its default: the reference), an optional override file, values given by a command or
 * test, and environment variables (which Camel's properties component reads in override mode:
 * SISBRIDGE_UPSTREAM_BASE_URL sets sisbridge.upstream.base-url). The agent and the operator
 * commands load it the same way.
 */
public final class AgentConfiguration {

    private final Path home;
    private final Path overrideFile;
    private final Map<String, String> overrides;

    public AgentConfiguration(Path home, Path overrideFile, Map<String, String> overrides) {
        this.home = home.toAbsolutePath().normalize();
        this.overrideFile = overrideFile == null ? null : overrideFile.toAbsolutePath().normalize();
        this.overrides = new LinkedHashMap<>(overrides);
    }

    public Path home() {
        return home;
    }

    /** The site's override file (--config or SISBRIDGE_CONFIG), or null. */
    public Path overrideFile() {
        return overrideFile;
    }

    public Path referenceFile() {
        return home.resolve("config/application.properties");
    }

    /**
     * Camel property locations. Camel takes a key from the first location that has it, so the
     * override file comes first and the reference file (every key's default) last.
     */
    public String locations() {
        return (overrideFile == null ? "" : "file:" + overrideFile + ",") + "file:" + referenceFile();
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    /** Missing or unreadable files, each in a sentence; empty when both can be read. */
    public List<String> fileProblems() {
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(referenceFile())) {
            problems.add("no configuration at " + referenceFile() + ": is " + home + " the sisbridge home?");
        } else {
            parseProblem(referenceFile()).ifPresent(problems::add);
        }
        if (overrideFile != null) {
            if (!Files.isRegularFile(overrideFile)) {
                problems.add("override file " + overrideFile + " (--config) does not exist");
            } else {
                parseProblem(overrideFile).ifPresent(problems::add);
            }
        }
        return problems;
    }

    private static java.util.Optional<String> parseProblem(Path file) {
        try {
            read(file);
            return java.util.Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.of("cannot read " + file + " as a properties file: " + e.getMessage());
        }
    }

    /** The keys the reference file documents. */
    public Set<String> referenceKeys() {
        return referenceKeys(referenceFile());
    }

    public static Set<String> referenceKeys(Path referenceFile) {
        try {
            return read(referenceFile).stringPropertyNames();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + referenceFile + ": " + e.getMessage(), e);
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(in);
        }
        return properties;
    }

    /** The files' problems, else the keys' and values' (as {@code run} and {@code check} see them). */
    public ConfigFindings validate(Map<String, String> environment) {
        List<String> files = fileProblems();
        if (!files.isEmpty()) {
            return new ConfigFindings(files, List.of());
        }
        CamelContext context = new org.apache.camel.impl.DefaultCamelContext();
        try {
            return ConfigValidator.validate(applyTo(context), referenceKeys(), environment);
        } finally {
            context.stop();
        }
    }

    /** The configuration, once valid; else an {@link InvalidConfigurationException} naming every problem. */
    public LoadedConfiguration load(Map<String, String> environment) {
        validate(environment).requireValid();
        CamelContext context = new org.apache.camel.impl.DefaultCamelContext();
        applyTo(context);
        return new LoadedConfiguration(context);
    }

    /** Sets up a context's properties component the way camel-main does for the running agent. */
    public PropertiesComponent applyTo(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation(locations());
        Properties initial = new Properties();
        initial.setProperty("sisbridge.home", home.toString());
        properties.setInitialProperties(initial);
        Properties override = new Properties();
        override.putAll(overrides);
        properties.setOverrideProperties(override);
        return properties;
    }
}
