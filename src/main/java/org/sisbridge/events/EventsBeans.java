package org.sisbridge.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.dictionary.IdmeStatus;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.runtime.MisCodes;
import org.sisbridge.staging.CheckpointStore;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.sis.ConfiguredSql;
import org.sisbridge.watch.FlowMetrics;

/** The beans routes/idme-events.yaml calls, built from the {@code sisbridge.events.*} keys. */
public class EventsBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        ObjectMapper json = registry.lookupByNameAndType("objectMapper", ObjectMapper.class);
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        CheckpointStore checkpoints = registry.lookupByNameAndType("checkpointStore", CheckpointStore.class);
        StagingSettings staging = registry.lookupByNameAndType("stagingSettings", StagingSettings.class);

        EventsFlowStatistics statistics = AgentBeans.bindIfAbsent(registry, "eventsFlowStatistics",
                EventsFlowStatistics.class, EventsFlowStatistics::new);
        EventValidator validator = new EventValidator(json,
                registry.lookupByNameAndType("misCodes", MisCodes.class).values(),
                registry.lookupByNameAndType("statusTransitionPolicy", StatusTransitionPolicy.class),
                "store".equals(config.oneOf("sisbridge.events.unknown-event-type", "store", "reject")));
        registry.bind("eventPageParser", new EventPageParser(json, config.integer("sisbridge.events.page-size")));
        registry.bind("eventCursorLoopCheck", new CursorLoopCheck());
        registry.bind("eventFeedCursor", new EventFeedCursor(checkpoints, config.integer("sisbridge.events.page-size")));
        IdmeEventTable eventTable = new IdmeEventTable(registry.lookupByNameAndType("stagingMapping", StagingMapping.class)
                .table("idme_status_event"), staging.batchSize());
        registry.bind("eventRejectReplayer", new EventRejectReplayer(json, validator, eventTable, clock));
        EventPageWriter writer = new EventPageWriter(
                registry.lookupByNameAndType("stagingDataSource", DataSource.class), validator, eventTable,
                registry.lookupByNameAndType("rejectWriter", RejectWriter.class), checkpoints, statistics,
                registry.lookupByNameAndType("flowActivity", FlowActivity.class),
                registry.lookupByNameAndType("flowMetrics", FlowMetrics.class), clock, onChange(config));
        registry.bind("eventPageWriter", writer);
        registry.bind("eventPagesWriteBehind", new WriteBehindPages(writer,
                AgentBeans.writerThreads(context, this, "idme-events-writer",
                        EventWriterConnections.of(config.text("sisbridge.events.writer-connections"), staging.database())),
                config.integer("sisbridge.events.pages-in-flight"), config.integer("sisbridge.events.overlap-wait-ms")));
    }

    /** The college's on-change statement (sisbridge.events.on-change.*); a statement that does not parse stops the start. */
    private static OnChangeHook onChange(AgentProperties config) {
        if (!config.flag("sisbridge.events.on-change.enabled")) {
            return OnChangeHook.off();
        }
        try {
            Set<String> statuses = new LinkedHashSet<>();
            config.list("sisbridge.events.on-change.statuses").forEach(s -> statuses.add(IdmeStatus.normalize(s)));
            return new OnChangeHook(ConfiguredSql.read(config, "sisbridge.events.on-change", OnChangeHook.PARAMETERS), statuses,
                    config.integer("sisbridge.events.on-change.query-timeout-seconds"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        }
    }
}
