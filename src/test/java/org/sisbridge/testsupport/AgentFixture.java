package org.sisbridge.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sisbridge.events.EventsFlowStatistics;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.SimulatorTrustStore;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.staging.SecretSource;

/**
 * The real agent (routes, config, beans) against an in-process upstream simulator and a fresh
 * staging database, with fast schedules so that tests finish quickly.
 */
public final class AgentFixture implements AutoCloseable {

    public static final Path HOME = Path.of(System.getProperty("sisbridge.home", ".")).toAbsolutePath();

    public final UpstreamSimulator simulator;
    public final TestDatabase database;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private SisbridgeAgent agent;
    private Path home = HOME;

    public AgentFixture(SimulatorSettings settings, TestDatabase database) {
        this.simulator = UpstreamSimulator.start(settings, 0);
        this.database = database;
        properties.put("sisbridge.mis-codes", String.join(",", settings.misCodes));
        properties.put("sisbridge.upstream.base-url", simulator.baseUrl());
        properties.put("sisbridge.upstream.client-id", settings.clientId);
        properties.put("sisbridge.staging.jdbc-url", database.jdbcUrl());
        properties.put("sisbridge.staging.username", database.user());
        properties.put("sisbridge.staging.database", database.kind().name().toLowerCase());
        properties.put("sisbridge.events.poll-interval-ms", 200);
        properties.put("sisbridge.events.initial-delay-ms", 0);
        properties.put("sisbridge.upstream.retry.initial-delay-ms", 20);
        properties.put("sisbridge.upstream.retry.max-delay-ms", 200);
        // every test agent's management endpoint on a free port of its own, so that parallel runs never collide
        properties.put("sisbridge.watch.port", 0);
        // a test agent's report drop folder and downloads live under target/, not in the project's inbox/
        properties.put("sisbridge.reports.inbox", HOME.resolve("target/test-inbox/" + java.util.UUID.randomUUID()).toString());
        properties.put("sisbridge.reports.download-folder", HOME.resolve("target/test-download/" + java.util.UUID.randomUUID()).toString());
        if (settings.https) {
            // the agent trusts this simulator's certificate through the same keys a site would set
            SimulatorTrustStore trust = simulator.writeTrustStore(
                    HOME.resolve("target/test-tls/" + java.util.UUID.randomUUID() + "/truststore.p12"));
            properties.put("sisbridge.upstream.trust-store", trust.trustStore().toString());
            properties.put("sisbridge.upstream.trust-store-password-file", trust.passwordFile().toString());
        }
    }

    /** Runs the agent from another install directory (a copy of config/ and routes/ a test may change). */
    public AgentFixture home(Path home) {
        this.home = home;
        return this;
    }

    public AgentFixture property(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    public SisbridgeAgent start() throws Exception {
        return start(b -> { });
    }

    /** Starts the agent; {@code customize} may bind replacement beans (failure injection). */
    public SisbridgeAgent start(Consumer<SisbridgeAgent.Builder> customize) throws Exception {
        SisbridgeAgent.Builder builder = SisbridgeAgent.builder(home)
                .secrets(new SecretSource(Map.of("SISBRIDGE_CLIENT_SECRET", simulator.settings().clientSecret,
                        "SISBRIDGE_DB_PASSWORD", database.password())));
        properties.forEach(builder::property);
        if (database.dialect() != database.kind().dialect()) {
            builder.bean("flowActivity", new org.sisbridge.runtime.FlowActivity(java.time.Clock.systemUTC(),
                    new org.sisbridge.staging.FlowRunStore(database.dataSource(), "sisbridge_flow_run", database.dialect())));
        }
        customize.accept(builder);
        agent = builder.build().start();
        return agent;
    }

    public org.apache.camel.CamelContext camelContext() {
        return agent.camelContext();
    }

    public void stopAgent() throws Exception {
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }

    public EventsFlowStatistics eventStatistics() {
        return agent.bean("eventsFlowStatistics", EventsFlowStatistics.class);
    }

    /** The last failure of the events flow for the first MIS code, or null. */
    public String lastEventsFailure() {
        return agent.bean("flowActivity", org.sisbridge.runtime.FlowActivity.class)
                .lastFailure("idme-events", simulator.settings().misCodes.get(0));
    }

    /** The status page's failure of a route that could not start (RouteStartFailures), or null. */
    public String agentFailure(String routeId) {
        return agent.bean("flowActivity", org.sisbridge.runtime.FlowActivity.class)
                .lastFailure(routeId, org.sisbridge.watch.RouteStartFailures.SCOPE);
    }

    /** Waits until the agent has committed the last page of every MIS code's feed. */
    public void awaitEventsCaughtUp() {
        List<String> misCodes = simulator.settings().misCodes;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> eventStatistics().caughtUp(misCodes));
    }

    public StagingQueries db() {
        return database.queries();
    }

    @Override
    public void close() throws Exception {
        stopAgent();
        simulator.close();
    }
}
