package org.sisbridge.runtime;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.spi.PropertiesComponent;

/** Typed reads of the agent's configuration keys; a missing or malformed value names its key. */
public final class AgentProperties {

    private final PropertiesComponent properties;

    public AgentProperties(PropertiesComponent properties) {
        this.properties = properties;
    }

    public String text(String key) {
        return properties.resolveProperty(key)
                .map(String::trim)
                .orElseThrow(() -> new IllegalArgumentException("configuration key " + key + " is not set"));
    }

    public String textOrEmpty(String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }

    public int integer(String key) {
        String value = text(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key " + key + " must be a whole number, was '" + value + "'");
        }
    }

    public boolean flag(String key) {
        String value = text(key);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("configuration key " + key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public Set<String> list(String key) {
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(text(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("configuration key " + key + " must list at least one value");
        }
        return values;
    }

    public String oneOf(String key, String... allowed) {
        String value = text(key);
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("configuration key " + key + " must be one of " + Arrays.toString(allowed)
                + ", was '" + value + "'");
    }
}
