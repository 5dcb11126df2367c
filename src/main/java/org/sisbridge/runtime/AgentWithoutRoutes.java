package org.sisbridge.runtime;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.events.EventsBeans;
import org.sisbridge.reports.ReportsBeans;
import org.sisbridge.roster.RosterBeans;
import org.sisbridge.staging.SecretSource;

/**
 * The agent's beans, built from its configuration exactly as the running agent builds them, but
 * with no route, no timer and no server started: for operator commands (rejects replay) that run
 * a pipeline's validation and writing once, beside a running agent or without one.
 */
public final class AgentWithoutRoutes implements AutoCloseable {

    private final CamelContext context;

    private AgentWithoutRoutes(CamelContext context) {
        this.context = context;
    }

    public static AgentWithoutRoutes open(AgentConfiguration configuration, SecretSource secrets) throws Exception {
        CamelContext context = new DefaultCamelContext();
        configuration.applyTo(context);
        AgentWithoutRoutes agent = new AgentWithoutRoutes(context);
        try {
            new AgentBeans(secrets).configure(context);
            new EventsBeans().configure(context);
            new ReportsBeans().configure(context);
            new RosterBeans().configure(context);
        } catch (Exception | Error e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getRegistry().lookupByNameAndType(name, type);
    }

    public <T> List<T> beans(Class<T> type) {
        return List.copyOf(context.getRegistry().findByType(type));
    }

    @Override
    public void close() {
        // the context never started, so its services never stop on their own: close the pool here
        HikariDataSource pool = bean("stagingDataSource", HikariDataSource.class);
        if (pool != null) {
            pool.close();
        }
        context.stop();
    }
}
