package org.sisbridge.config;

import java.util.List;

/** What is wrong with a configuration (errors: the agent must not start) and what looks risky (warnings). */
public record ConfigFindings(List<String> errors, List<String> warnings) {

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Throws, listing every error, when there is any. */
    public void requireValid() {
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
    }
}
