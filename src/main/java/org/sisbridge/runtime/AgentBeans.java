package org.sisbridge.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.sisbridge.dictionary.MisCode;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.events.EventFeedCursor;
import org.sisbridge.events.EventPageParser;
import org.sisbridge.events.EventPageWriter;
import org.sisbridge.events.EventValidator;
import org.sisbridge.events.EventsFlowStatistics;
import org.sisbridge.events.IdmeEventTable;
import org.sisbridge.staging.CheckpointStore;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.upstream.PollFailureRecorder;
import org.sisbridge.upstream.UpstreamResponseClassifier;
import org.sisbridge.upstream.UpstreamRetryLog;
import org.sisbridge.upstream.UpstreamSettings;
import org.sisbridge.upstream.UpstreamTokenProvider;

/**
 * Binds the beans the routes call, built from configuration. A bean already in the registry
 * (a test's replacement, say) is kept, so the same wiring serves production and tests.
 */
public class AgentBeans implements CamelConfiguration {

    private final SecretSource secrets;

    public AgentBeans(SecretSource secrets) {
        this.secrets = secrets;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Clock clock = bindIfAbsent(registry, "clock", Clock.class, Clock::systemUTC);
        ObjectMapper json = bindIfAbsent(registry, "objectMapper", ObjectMapper.class, ObjectMapper::new);

        StagingSettings staging = stagingSettings(config);
        HikariDataSource dataSource = StagingDataSourceFactory.create(staging);
        registry.bind("stagingDataSource", dataSource);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        });
        if (staging.manageSchema()) {
            StagingSchemaMigrator.migrate(dataSource, staging.database());
        }

        CheckpointStore checkpoints = bindIfAbsent(registry, "checkpointStore", CheckpointStore.class,
                () -> new CheckpointStore(dataSource, staging.checkpointTable(), clock));
        RejectWriter rejects = new RejectWriter(staging.rejectTable(), clock);
        EventsFlowStatistics eventStatistics = bindIfAbsent(registry, "eventsFlowStatistics",
                EventsFlowStatistics.class, () -> new EventsFlowStatistics(clock));

        var misCodes = config.list("sisbridge.mis-codes");
        misCodes.stream().filter(m -> !MisCode.isWellFormed(m)).findFirst().ifPresent(bad -> {
            throw new IllegalArgumentException("sisbridge.mis-codes: '" + bad + "' is not a 3-character MIS code");
        });
        StatusTransitionPolicy transitions = StatusTransitionPolicy.parse(config.text("sisbridge.transitions.valid"));
        EventValidator validator = new EventValidator(json, misCodes, transitions,
                "store".equals(config.oneOf("sisbridge.events.unknown-event-type", "store", "reject")));
        registry.bind("eventPageParser", new EventPageParser(json));
        registry.bind("eventFeedCursor", new EventFeedCursor(checkpoints, config.integer("sisbridge.events.page-size")));
        registry.bind("eventPageWriter", new EventPageWriter(dataSource, validator,
                new IdmeEventTable(config.text("sisbridge.events.table"), staging.batchSize()),
                rejects, checkpoints, eventStatistics, clock));

        UpstreamSettings upstream = upstreamSettings(config);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(upstream.connectTimeoutMs())).build();
        UpstreamTokenProvider tokens = new UpstreamTokenProvider(upstream, http, clock);
        registry.bind("upstreamTokenProvider", tokens);
        registry.bind("upstreamResponseClassifier", new UpstreamResponseClassifier(tokens, upstream.maxRetryAfterSeconds()));
        registry.bind("pollFailureRecorder", new PollFailureRecorder(eventStatistics));
        registry.bind("upstreamRetryLog", new UpstreamRetryLog());
    }

    private StagingSettings stagingSettings(AgentProperties config) {
        return new StagingSettings(
                config.text("sisbridge.staging.jdbc-url"),
                config.textOrEmpty("sisbridge.staging.username"),
                secrets.read(config.textOrEmpty("sisbridge.staging.password-env"),
                        config.textOrEmpty("sisbridge.staging.password-file")),
                config.integer("sisbridge.staging.pool-size"),
                config.integer("sisbridge.staging.connection-timeout-ms"),
                config.flag("sisbridge.staging.manage-schema"),
                config.integer("sisbridge.staging.batch-size"),
                config.text("sisbridge.staging.reject-table"),
                config.text("sisbridge.staging.checkpoint-table"));
    }

    private UpstreamSettings upstreamSettings(AgentProperties config) {
        return new UpstreamSettings(
                URI.create(config.text("sisbridge.upstream.base-url")),
                config.text("sisbridge.upstream.client-id"),
                secrets.read(config.textOrEmpty("sisbridge.upstream.client-secret-env"),
                        config.textOrEmpty("sisbridge.upstream.client-secret-file")),
                config.text("sisbridge.upstream.scope"),
                config.integer("sisbridge.upstream.token-refresh-margin-seconds"),
                config.integer("sisbridge.upstream.connect-timeout-ms"),
                config.integer("sisbridge.upstream.response-timeout-ms"),
                config.integer("sisbridge.upstream.retry.max-retry-after-seconds"));
    }

    private static <T> T bindIfAbsent(Registry registry, String name, Class<T> type, Supplier<T> create) {
        T existing = registry.lookupByNameAndType(name, type);
        if (existing != null) {
            return existing;
        }
        T created = create.get();
        registry.bind(name, created);
        return created;
    }
}
