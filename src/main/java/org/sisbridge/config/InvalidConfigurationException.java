package org.sisbridge.config;

import java.util.List;

/** The configuration has errors; the message lists each one in plain words, key first. */
public class InvalidConfigurationException extends IllegalArgumentException {

    private final List<String> errors;

    public InvalidConfigurationException(List<String> errors) {
        super("The configuration is not valid (run " + Launcher.command("check") + " for every problem):\n  - " + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
