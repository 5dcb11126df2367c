package org.sisbridge.watch;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.SecretSource;

/**
 * The management endpoint's parts, from the {@code sisbridge.watch.*} keys: the Micrometer registry
 * Camel's Prometheus endpoint serves (with the flows' meters on it), the readiness checks, and the
 * token guard. The servers themselves are Camel's (camel.server.* and camel.management.*, set from
 * these keys in application.properties). Runs after AgentBeans and before the flows' beans.
 */
public class WatchBeans implements CamelConfiguration {

    /** Camel's name for the Micrometer registry (MicrometerConstants.METRICS_REGISTRY_NAME). */
    static final String METRICS_REGISTRY = "metricsRegistry";

    private final SecretSource secrets;

    public WatchBeans(SecretSource secrets) {
        this.secrets = secrets;
    }

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);

        // bound here, before camel-micrometer-prometheus starts, so that it serves this registry
        PrometheusMeterRegistry meters = AgentBeans.bindIfAbsent(registry, METRICS_REGISTRY, PrometheusMeterRegistry.class,
                () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        registry.bind("flowMetrics", new FlowMetrics(meters, clock));

        registry.bind("stagingDatabaseHealthCheck",
                new StagingDatabaseHealthCheck(registry.lookupByNameAndType("stagingDataSource", DataSource.class)));
        registry.bind("upstreamHealthCheck", new UpstreamHealthCheck(URI.create(config.text("sisbridge.upstream.base-url")),
                Duration.ofMillis(config.integer("sisbridge.upstream.connect-timeout-ms")),
                Duration.ofMillis(config.integer("sisbridge.watch.upstream-check-cache-ms")), clock));

        if (config.flag("sisbridge.watch.enabled")) {
            guard(config, registry);
        }
    }

    /** A token, when there is one, guards every request; beyond this machine there must be one. */
    private void guard(AgentProperties config, Registry registry) {
        String host = config.text("sisbridge.watch.host");
        String token = secrets.read(config.textOrEmpty("sisbridge.watch.token-env"), config.textOrEmpty("sisbridge.watch.token-file"));
        if (token.isEmpty()) {
            if (!isLoopback(host)) {
                throw new IllegalStateException("sisbridge.watch.host is " + host + ", which other machines can reach, but no"
                        + " management token is set: put one in the environment variable named by sisbridge.watch.token-env"
                        + " or the file named by sisbridge.watch.token-file, or bind to 127.0.0.1");
            }
            return;
        }
        // camel-main looks for its HTTP server factory in the registry before its default one
        registry.bind("tokenGuardedServerFactory", new TokenGuardedServerFactory(new BearerTokenCheck(token)));
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("sisbridge.watch.host: '" + host + "' is not a known host name or address", e);
        }
    }
}
