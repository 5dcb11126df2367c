package org.sisbridge.config;

import org.apache.camel.CamelContext;
import org.sisbridge.runtime.AgentProperties;

/**
 * A validated configuration, readable by key, for commands that work on the database without
 * starting the agent (migrate, status, rejects). Holds an unstarted Camel context only for its
 * properties component, so values resolve exactly as in the running agent.
 */
public final class LoadedConfiguration implements AutoCloseable {

    private final CamelContext context;
    private final AgentProperties properties;

    LoadedConfiguration(CamelContext context) {
        this.context = context;
        this.properties = new AgentProperties(context.getPropertiesComponent());
    }

    public AgentProperties properties() {
        return properties;
    }

    @Override
    public void close() {
        context.stop();
    }
}
