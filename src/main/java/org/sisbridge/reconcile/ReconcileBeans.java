package org.sisbridge.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.roster.BulkAccountJson;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.sis.ConfiguredSql;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.upstream.UpstreamText;

/** The beans routes/reconcile.yaml and the reconcile command call, built from {@code sisbridge.reconcile.*}. */
public class ReconcileBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        ReconcileQuery query = query(config);
        if (query == null && config.flag("sisbridge.reconcile.enabled")) {
            throw new InvalidConfigurationException(List.of("sisbridge.reconcile.enabled is true but neither sisbridge.reconcile.sql"
                    + " nor sisbridge.reconcile.sql-file is set: give the query that lists the students with their CCCID"));
        }
        BulkAccountJson json = new BulkAccountJson(registry.lookupByNameAndType("objectMapper", ObjectMapper.class),
                registry.lookupByNameAndType("upstreamText", UpstreamText.class));
        registry.bind("reconcileRunner", new ReconcileRunner(registry.lookupByNameAndType("stagingDataSource", DataSource.class),
                query, json, new CamelReconcileUpstream(context), registry.lookupByNameAndType("flowActivity", FlowActivity.class),
                registry.lookupByNameAndType("clock", Clock.class), config.integer("sisbridge.reconcile.batch-size"),
                config.integer("sisbridge.reconcile.max-students-per-run"), () -> context.isStopping()));
    }

    /**
     * sisbridge.reconcile.sql, or the file sisbridge.reconcile.sql-file names (relative to the install
     * directory, as for every college statement: {@link ConfiguredSql}); null when neither is set.
     */
    private static ReconcileQuery query(AgentProperties config) {
        if (config.textOrEmpty("sisbridge.reconcile.sql").isBlank() && config.textOrEmpty("sisbridge.reconcile.sql-file").isBlank()) {
            return null;
        }
        try {
            return new ReconcileQuery(ConfiguredSql.read(config, "sisbridge.reconcile", ReconcileQuery.PARAMETERS),
                    config.integer("sisbridge.reconcile.read-page-size"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        }
    }
}
