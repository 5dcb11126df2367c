package org.sisbridge.runtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.sisbridge.staging.JdbcUrlPlace;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.MappingFile;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.watch.WatchEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line the agent logs once it has started: what it is and what it works on (version, MIS
 * codes, the database's host and name, the mapping, the flows that are on, the status page). Who
 * reads a log after a restart sees in one line which agent it was; no secret is in it.
 */
final class StartupLine extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SisbridgeAgent.class);

    /** Flow switch to the name the line gives the flow. */
    private static final List<String[]> FLOWS = List.of(
            new String[] {"sisbridge.events.enabled", "events"},
            new String[] {"sisbridge.reports.enabled", "reports"},
            new String[] {"sisbridge.reports.drop-enabled", "reports drop folder"},
            new String[] {"sisbridge.roster.enabled", "roster (outbox and drop folder)"},
            new String[] {"sisbridge.reconcile.enabled", "reconcile (match only)"});

    /** Once every route has started (for run and for an agent started by a test alike). */
    @Override
    public void afterConfigure(BaseMainSupport main) {
        try {
            main.getCamelContext().addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                    log(started);
                }
            });
        } catch (Exception e) {
            LOG.warn("the start-up line will not be written: {}", e.getMessage());
        }
    }

    private static void log(CamelContext context) {
        try {
            LOG.info("{}", describe(context));
        } catch (RuntimeException e) {
            // a line that cannot be composed must not stop an agent that started
            LOG.warn("started sisbridge; the start-up line could not be composed: {}", e.getMessage());
        }
    }

    static String describe(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        StagingSettings staging = context.getRegistry().lookupByNameAndType("stagingSettings", StagingSettings.class);
        StagingMapping mapping = context.getRegistry().lookupByNameAndType("stagingMapping", StagingMapping.class);
        List<String> flows = new ArrayList<>();
        for (String[] flow : FLOWS) {
            if (config.flag(flow[0])) {
                flows.add(flow[1]);
            }
        }
        String version = SisbridgeAgent.class.getPackage().getImplementationVersion();
        String status = WatchEndpoint.baseUrl(context);
        return "started sisbridge " + (version == null ? "development" : version)
                + "; MIS codes " + String.join(", ", config.list("sisbridge.mis-codes"))
                + "; database " + (staging == null ? "?" : JdbcUrlPlace.of(staging.database(), staging.jdbcUrl())
                        + (staging.username().isEmpty() ? "" : " as " + staging.username()))
                + "; mapping " + (mapping == null ? "?" : mapping.layout()) + " ("
                + MappingFile.resolve(config.text(MappingFile.KEY), java.nio.file.Path.of(config.text("sisbridge.home"))) + ")"
                + "; flows " + (flows.isEmpty() ? "none" : String.join(", ", flows))
                + "; status page " + (status == null ? "off (sisbridge.watch.enabled=false)" : status + "/status");
    }
}
