package org.sisbridge.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceSupport;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.config.ConfigFindings;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.config.ConfigValidator;
import org.sisbridge.dictionary.MisCode;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.staging.CheckpointStore;
import org.sisbridge.staging.FlowRunStore;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingSchemaCheck;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.MappingFile;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.staging.ddl.AgentOwnTables;
import org.sisbridge.staging.ddl.MappedTableCreator;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.status.StatusSnapshotReader;
import org.sisbridge.upstream.BoundedHeadersHttpComponent;
import org.sisbridge.upstream.HttpExchangesInFlight;
import org.sisbridge.upstream.PollFailureRecorder;
import org.sisbridge.upstream.UpstreamCallGuard;
import org.sisbridge.upstream.UpstreamHttpClientConfigurer;
import org.sisbridge.upstream.UpstreamLimits;
import org.sisbridge.upstream.UpstreamProxy;
import org.sisbridge.upstream.UpstreamResponseClassifier;
import org.sisbridge.upstream.UpstreamText;
import org.sisbridge.upstream.UpstreamRetryLog;
import org.sisbridge.upstream.UpstreamSettings;
import org.sisbridge.upstream.UpstreamTokenProvider;
import org.sisbridge.upstream.UpstreamTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the beans every flow shares: the staging database (pool, migrations, checkpoints,
 * rejects), the upstream client parts, the transition policy. Each capability binds its own
 * beans in its own configuration class (EventsBeans, ...), which runs after this one.
 * A bean already in the registry (a test's replacement, say) is kept.
 */
public class AgentBeans implements CamelConfiguration {

    /** The registry name of the one SSLContext every upstream client uses (flows' token client, readiness). */
    public static final String UPSTREAM_SSL_CONTEXT = "upstreamSslContext";

    /** The registry name of the college's proxy every upstream client goes through. */
    public static final String UPSTREAM_PROXY = "upstreamProxy";

    private static final Logger LOG = LoggerFactory.getLogger(AgentBeans.class);

    private final SecretSource secrets;

    public AgentBeans(SecretSource secrets) {
        this.secrets = secrets;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        // nothing is built from a configuration with an unknown key or a bad value
        ConfigFindings findings = ConfigValidator.validate(context.getPropertiesComponent(),
                AgentConfiguration.referenceKeys(Path.of(config.text("sisbridge.home"), "config/application.properties")),
                System.getenv(), secrets);
        findings.warnings().forEach(w -> LOG.warn("Configuration: {}", w));
        findings.requireValid();
        Registry registry = context.getRegistry();
        Clock clock = bindIfAbsent(registry, "clock", Clock.class, Clock::systemUTC);
        bindIfAbsent(registry, "objectMapper", ObjectMapper.class, ObjectMapper::new);
        StagingSettings staging = stagingSettings(config, secrets);
        registry.bind("stagingSettings", staging);
        registry.bind("stagingDialect", staging.database().dialect());
        HikariDataSource dataSource = StagingDataSourceFactory.create(staging);
        registry.bind("stagingDataSource", dataSource);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        });
        StagingMapping mapping;
        try {
            mapping = MappingFile.load(config::text);
        } catch (IllegalArgumentException e) {
            // a mapping file that does not load is the site's configuration: refused (exit 2), not a crash
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        }
        registry.bind("stagingMapping", mapping);
        if (staging.manageSchema()) {
            StagingSchemaMigrator.migrate(dataSource, staging.database());
            // Flyway owns the generic tables; a mapped table the college lacks is created from the DDL model
            MappedTableCreator.createMissing(dataSource, mapping, staging.database().dialect(), table -> tableNeeded(config, table));
        } else {
            // a flow that is turned off needs none of its tables
            StagingSchemaCheck.Findings schema = StagingSchemaCheck.withOwnTables(dataSource, mapping, table -> tableNeeded(config, table));
            // what works but loses something (the agent's own times without milliseconds, say): said once at start
            schema.warnings().forEach(w -> LOG.warn("Staging schema: {}", w));
            List<String> missing = schema.errors();
            if (!missing.isEmpty()) {
                // the site's setup, which a restart does not change: refused like a configuration error (exit 2)
                throw new InvalidConfigurationException(List.of("sisbridge.staging.manage-schema=false, but the staging"
                        + " database lacks what the agent needs:\n  - " + String.join("\n  - ", missing)
                        + "\nCreate these tables and columns, or map the agent's fields to yours in the mapping file ("
                        + config.text("sisbridge.staging.mapping") + ")."));
            }
        }
        bindIfAbsent(registry, "checkpointStore", CheckpointStore.class,
                () -> new CheckpointStore(dataSource, staging.checkpointTable(), clock));
        registry.bind("rejectWriter", new RejectWriter(staging.rejectTable(), clock, config.integer("sisbridge.staging.reject-max-raw-chars")));
        FlowActivity activity = bindIfAbsent(registry, "flowActivity", FlowActivity.class,
                () -> new FlowActivity(clock, new FlowRunStore(dataSource, staging.flowRunTable(), staging.database().dialect())));

        registry.bind("statusSnapshotReader", new StatusSnapshotReader(dataSource, mapping, staging.database().dialect(),
                clock, config.integer("sisbridge.status.latest-rows"), config.integer("sisbridge.status.roster-notes-days")));

        registry.bind("misCodes", misCodes(config));
        registry.bind("statusTransitionPolicy", StatusTransitionPolicy.parse(config.text("sisbridge.transitions.valid")));

        UpstreamSettings upstream = upstreamSettings(config, secrets);
        UpstreamLimits limits = UpstreamLimits.from(config);
        // one trust for every upstream client: the Camel https component (config), the token provider and readiness
        SSLContextParameters trust = upstreamTrust(config, secrets);
        registry.bind("upstreamSslContextParameters", trust);
        SSLContext sslContext = UpstreamTrust.sslContext(trust, context);
        registry.bind(UPSTREAM_SSL_CONTEXT, sslContext);
        // one proxy for every upstream client too: the flows' camel-http (configurer), the token request, readiness
        UpstreamProxy proxy = upstreamProxy(config, secrets);
        registry.bind(UPSTREAM_PROXY, proxy);
        // the flows' exchanges waiting for headers, which the call guard ends at the call's deadline
        HttpExchangesInFlight inFlight = new HttpExchangesInFlight();
        registry.bind("upstreamHttpClientConfigurer", new UpstreamHttpClientConfigurer(proxy, inFlight));
        // camel-http as "http" and "https", its answers' headers bounded (camel-main configures them from camel.component.*)
        for (String scheme : new String[] {"http", "https"}) {
            registry.bind(scheme, new BoundedHeadersHttpComponent(config.integer("sisbridge.upstream.max-header-line-chars"),
                    config.integer("sisbridge.upstream.max-header-count")));
        }
        HttpClient http = proxy.apply(HttpClient.newBuilder().connectTimeout(Duration.ofMillis(upstream.connectTimeoutMs()))
                .sslContext(sslContext)).build();
        UpstreamTokenProvider tokens = new UpstreamTokenProvider(upstream, http, clock, limits, proxy);
        registry.bind("upstreamTokenProvider", tokens);
        CallsInProgress calls = bindIfAbsent(registry, "callsInProgress", CallsInProgress.class, () -> new CallsInProgress(clock));
        registry.bind("upstreamCallGuard", new UpstreamCallGuard(limits, calls,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "upstream-deadlines"), inFlight));
        UpstreamText upstreamText = new UpstreamText(config.integer("sisbridge.upstream.max-error-text-chars"));
        registry.bind("upstreamText", upstreamText);
        registry.bind("upstreamResponseClassifier", new UpstreamResponseClassifier(tokens, upstream.maxRetryAfterSeconds(),
                upstreamText));
        registry.bind("upstreamRetryLog", new UpstreamRetryLog());
        registry.bind("pollStoppedHandler", new org.sisbridge.upstream.PollStoppedHandler(context));
        registry.bind("pollFailureRecorder", new PollFailureRecorder(activity, staging,
                () -> registry.lookupByNameAndType("flowMetrics", org.sisbridge.watch.FlowMetrics.class)));
        registry.bind("failureSite", new FailureSite());
    }

    /** The trust the sisbridge.upstream.trust-store* keys describe (the JVM's default when the store key is empty). */
    public static SSLContextParameters upstreamTrust(AgentProperties config, SecretSource secrets) {
        return UpstreamTrust.parameters(config.textOrEmpty("sisbridge.upstream.trust-store"),
                config.text("sisbridge.upstream.trust-store-type"),
                secrets.read(config.textOrEmpty("sisbridge.upstream.trust-store-password-env"),
                        config.textOrEmpty("sisbridge.upstream.trust-store-password-file")));
    }

    /** Whether a canonical table is needed: its flow is on (the agent's own tables always are). */
    public static boolean tableNeeded(AgentProperties config, String table) {
        String own = AgentOwnTables.flowSwitch(table);
        if (own != null) {
            return on(config, own);
        }
        String key = CanonicalLayout.TABLE_KEYS.get(table);
        String flow = key.substring(0, key.lastIndexOf('.'));
        return on(config, flow + ".enabled") || on(config, flow + ".drop-enabled");
    }

    /** A flow switch that is on, or a key that is not a switch at all (the agent's own tables are always needed). */
    private static boolean on(AgentProperties config, String key) {
        String value = config.textOrEmpty(key);
        return key.startsWith("sisbridge.staging.") || (!value.isEmpty() && config.flag(key));
    }

    private static MisCodes misCodes(AgentProperties config) {
        var codes = config.list("sisbridge.mis-codes");
        codes.stream().filter(m -> !MisCode.isWellFormed(m)).findFirst().ifPresent(bad -> {
            throw new IllegalArgumentException("sisbridge.mis-codes: '" + bad + "' is not a 3-character MIS code");
        });
        return new MisCodes(codes);
    }

    public static StagingSettings stagingSettings(AgentProperties config, SecretSource secrets) {
        return new StagingSettings(
                config.text("sisbridge.staging.jdbc-url"),
                config.text("sisbridge.staging.database"),
                config.textOrEmpty("sisbridge.staging.username"),
                secrets.read(config.textOrEmpty("sisbridge.staging.password-env"),
                        config.textOrEmpty("sisbridge.staging.password-file")),
                config.integer("sisbridge.staging.pool-size"),
                config.integer("sisbridge.staging.connection-timeout-ms"),
                config.flag("sisbridge.staging.manage-schema"),
                config.integer("sisbridge.staging.batch-size"),
                config.text("sisbridge.staging.reject-table"),
                config.text("sisbridge.staging.checkpoint-table"),
                config.text("sisbridge.staging.flow-run-table"),
                config.integer("sisbridge.staging.read-timeout-ms"));
    }

    public static UpstreamSettings upstreamSettings(AgentProperties config, SecretSource secrets) {
        return new UpstreamSettings(
                URI.create(config.text("sisbridge.upstream.base-url")),
                config.text("sisbridge.upstream.client-id"),
                secrets.read(config.textOrEmpty("sisbridge.upstream.client-secret-env"),
                        config.textOrEmpty("sisbridge.upstream.client-secret-file")),
                config.text("sisbridge.upstream.scope"),
                config.integer("sisbridge.upstream.token-refresh-margin-seconds"),
                config.integer("sisbridge.upstream.connect-timeout-ms"),
                config.integer("sisbridge.upstream.response-timeout-ms"),
                config.integer("sisbridge.upstream.retry.max-retry-after-seconds"),
                config.textOrEmpty("sisbridge.upstream.token-url").isEmpty() ? null
                        : URI.create(config.text("sisbridge.upstream.token-url")));
    }

    /** The college's proxy the sisbridge.upstream.proxy-* keys describe ({@link UpstreamProxy#NONE} when the host is empty). */
    public static UpstreamProxy upstreamProxy(AgentProperties config, SecretSource secrets) {
        String host = config.textOrEmpty("sisbridge.upstream.proxy-host");
        if (host.isEmpty()) {
            return UpstreamProxy.NONE;
        }
        String username = config.textOrEmpty("sisbridge.upstream.proxy-username");
        return new UpstreamProxy(host, config.integer("sisbridge.upstream.proxy-port"), username,
                username.isEmpty() ? "" : secrets.read(config.textOrEmpty("sisbridge.upstream.proxy-password-env"),
                        config.textOrEmpty("sisbridge.upstream.proxy-password-file")),
                java.util.Arrays.stream(config.textOrEmpty("sisbridge.upstream.proxy-non-proxy-hosts").split(","))
                        .map(String::trim).filter(h -> !h.isEmpty()).toList());
    }

    /**
     * One single-threaded executor per connection a writer commits on, so that each connection's batches
     * keep their order; from Camel's manager, so they stop with Camel. Named {@code name}, or
     * {@code name-1}, {@code name-2}, ... when there are several.
     */
    public static List<ExecutorService> writerThreads(CamelContext context, Object owner, String name, int connections) {
        List<ExecutorService> writers = new ArrayList<>(connections);
        for (int i = 1; i <= connections; i++) {
            writers.add(context.getExecutorServiceManager().newSingleThreadExecutor(owner,
                    connections == 1 ? name : name + "-" + i));
        }
        return writers;
    }

    /** Returns the registry's bean of that name, binding a new one first when there is none. */
    public static <T> T bindIfAbsent(Registry registry, String name, Class<T> type, Supplier<T> create) {
        T existing = registry.lookupByNameAndType(name, type);
        if (existing != null) {
            return existing;
        }
        T created = create.get();
        registry.bind(name, created);
        return created;
    }
}
