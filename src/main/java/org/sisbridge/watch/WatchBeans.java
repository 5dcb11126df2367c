package org.sisbridge.watch;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.reconcile.ReconcileConflictsCsv;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.runtime.CallsInProgress;
import org.sisbridge.status.StatusSnapshotReader;

/**
 * The management endpoint's parts, from the {@code sisbridge.watch.*} keys: the Micrometer registry
 * Camel's Prometheus endpoint serves (with the flows' meters on it) and the readiness checks. The
 * servers are Camel's (camel.server.* and camel.management.*, set from these keys in
 * application.properties; the token rule is WatchServerFactory's). Runs after AgentBeans and before
 * the flows' beans.
 */
public class WatchBeans implements CamelConfiguration {

    /** Camel's name for the Micrometer registry (MicrometerConstants.METRICS_REGISTRY_NAME). */
    static final String METRICS_REGISTRY = "metricsRegistry";

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        if (config.flag("sisbridge.watch.enabled")) {
            ManagementPortInUseException.requireFree(config.text("sisbridge.watch.host"), config.integer("sisbridge.watch.port"));
        }
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);

        // bound here, before camel-micrometer-prometheus starts, so that it serves this registry
        PrometheusMeterRegistry meters = AgentBeans.bindIfAbsent(registry, METRICS_REGISTRY, PrometheusMeterRegistry.class,
                () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        registry.bind("flowMetrics", new FlowMetrics(meters, clock));
        // before any exchange: two flows finishing their first exchanges together made Camel register it twice
        CamelLastExchangeGauge.registerBeforeCamel(meters);

        registry.bind("stagingDatabaseHealthCheck",
                new StagingDatabaseHealthCheck(registry.lookupByNameAndType("stagingDataSource", DataSource.class),
                        context.getExecutorServiceManager().newSingleThreadExecutor(this, "staging-health-probe"),
                        Duration.ofMillis(config.integer("sisbridge.watch.health-timeout-ms"))));
        // the flows' own trust and proxy (AgentBeans), so readiness trusts and goes exactly where the flows do
        registry.bind("upstreamHealthCheck", new UpstreamHealthCheck(URI.create(config.text("sisbridge.upstream.base-url")),
                registry.lookupByNameAndType(AgentBeans.UPSTREAM_SSL_CONTEXT, SSLContext.class),
                registry.lookupByNameAndType(AgentBeans.UPSTREAM_PROXY, org.sisbridge.upstream.UpstreamProxy.class),
                Duration.ofMillis(config.integer("sisbridge.upstream.connect-timeout-ms")),
                Duration.ofMillis(config.integer("sisbridge.watch.upstream-check-cache-ms")), clock));

        // a route that cannot start, retried by the supervising route controller: one line and the status page
        // Camel JBang's camel get / top / trace: the connector writes ~/.camel/<pid>-status.json for the service's
        // own OS user and reads its requests from there; nothing listens on the network
        org.apache.camel.cli.connector.DefaultCliConnectorFactory cli = new org.apache.camel.cli.connector.DefaultCliConnectorFactory();
        cli.setEnabled(config.flag("sisbridge.watch.cli-connector-enabled"));
        cli.setRuntime("Camel Main");
        cli.setRuntimeStartClass("org.sisbridge.cli.SisbridgeCommand");
        // as the context's plugin: camel-main has looked in the registry for one before this runs
        context.getCamelContextExtension().addContextPlugin(org.apache.camel.spi.CliConnectorFactory.class, cli);

        RouteStartFailures routeStartFailures = new RouteStartFailures(
                registry.lookupByNameAndType("flowActivity", org.sisbridge.runtime.FlowActivity.class));
        registry.bind("routeStartFailures", routeStartFailures);
        context.getManagementStrategy().addEventNotifier(routeStartFailures);

        registry.bind("stuckCallsHealthCheck", new StuckCallsHealthCheck(
                registry.lookupByNameAndType("callsInProgress", CallsInProgress.class),
                Duration.ofMillis(config.integer("sisbridge.watch.stuck-call-grace-ms"))));

        // the page shows this process's failures too: the one that took the database down could not be stored
        StatusWithMemory snapshots = new StatusWithMemory(
                registry.lookupByNameAndType("statusSnapshotReader", StatusSnapshotReader.class),
                registry.lookupByNameAndType("flowActivity", org.sisbridge.runtime.FlowActivity.class),
                registry.lookupByNameAndType("stagingSettings", org.sisbridge.staging.StagingSettings.class), clock,
                context.getExecutorServiceManager().newSingleThreadExecutor(this, "status-page-read"),
                Duration.ofMillis(config.integer("sisbridge.watch.health-timeout-ms")));
        boolean staffPages = config.flag("sisbridge.watch.staff-pages-enabled");
        // the endpoint's own staff login (WatchServerFactory): the status page shows the logins its throttle keeps waiting
        org.sisbridge.staff.login.StaffLogin staffLogin = staffPages && config.flag("sisbridge.watch.enabled")
                ? WatchServerFactory.shared(context, config) : null;
        registry.bind("statusPage", new StatusPage(snapshots,
                new StatusPageHtml(org.sisbridge.runtime.ProcessTimeZone.machineZone(), config.integer("sisbridge.watch.status-refresh-seconds"),
                        staffPages, staffLogin == null ? null : staffLogin.throttle()),
                new ReconcileConflictsCsv(registry.lookupByNameAndType("stagingDataSource", DataSource.class),
                        registry.lookupByNameAndType("stagingSettings", org.sisbridge.staging.StagingSettings.class).database().dialect(),
                        config.integer("sisbridge.reconcile.csv-max-rows")),
                // one reader, no queue: a download while it still waits on a hanging database is refused, never queued
                context.getExecutorServiceManager().newThreadPool(this, "reconcile-conflicts-csv",
                        new org.apache.camel.builder.ThreadPoolProfileBuilder("reconcile-conflicts-csv").poolSize(1).maxPoolSize(1)
                                .maxQueueSize(0).rejectedPolicy(org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy.Abort).build()),
                Duration.ofMillis(config.integer("sisbridge.reconcile.csv-answer-within-ms"))));
    }
}
