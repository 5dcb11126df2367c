package org.sisbridge.staff;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staff.pages.ChangesPage;
import org.sisbridge.staff.pages.ConflictsPage;
import org.sisbridge.staff.pages.ExpiringPage;
import org.sisbridge.staff.pages.RosterPage;
import org.sisbridge.staff.pages.StaffPages;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.staging.mapping.StagingMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff pages' bean (routes/staff.yaml), from the sisbridge.staff.* keys; the login in front of them
 * is the management server's (WatchServerFactory, StaffAccessCheck). Runs after AgentBeans, before the
 * routes are read.
 */
public class StaffBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StaffBeans.class);

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        if (config.flag("sisbridge.watch.staff-pages-enabled") && !config.flag("sisbridge.watch.enabled")) {
            // the pages and their login live on the management endpoint: without it their routes have no server to
            // start on. Off, not refused: a site that turned the endpoint off keeps starting after an upgrade
            context.getPropertiesComponent().addOverrideProperty("sisbridge.watch.staff-pages-enabled", "false");
            LOG.info("Staff pages off: they are served on the management endpoint, which is off (sisbridge.watch.enabled=false)");
        }
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        DataSource dataSource = registry.lookupByNameAndType("stagingDataSource", DataSource.class);
        StagingMapping mapping = registry.lookupByNameAndType("stagingMapping", StagingMapping.class);
        StagingDialect dialect = registry.lookupByNameAndType("stagingDialect", StagingDialect.class);
        int pageRows = config.integer("sisbridge.staff.page-rows");
        int csvRows = config.integer("sisbridge.staff.csv-rows");
        StatusSources sources = new StatusSources(mapping);
        registry.bind("staffPages", new StaffPages(List.of(
                new ChangesPage(new RecentStatusChanges(dataSource, sources),
                        registry.lookupByNameAndType("statusTransitionPolicy", StatusTransitionPolicy.class), clock,
                        config.integer("sisbridge.staff.changes-days"), config.integer("sisbridge.staff.max-days"), pageRows, csvRows),
                new ExpiringPage(new ExpiringVerifications(dataSource, sources), clock, config.integer("sisbridge.staff.expiring-days"),
                        pageRows, csvRows),
                new RosterPage(new WaitingRosterStudents(dataSource, mapping, dialect), new RejectsPerDay(dataSource, mapping),
                        new RecentRosterFiles(dataSource, mapping, dialect), clock,
                        config.integer("sisbridge.staff.chart-days"), pageRows, csvRows),
                new ConflictsPage(dataSource, dialect, pageRows, csvRows)), staffPageReads(context),
                java.time.Duration.ofMillis(config.integer("sisbridge.staff.answer-within-ms"))));
    }

    /** StaffPages.READERS threads and no queue: a view beyond them is refused (503 at once), never queued behind hung reads. */
    private java.util.concurrent.ExecutorService staffPageReads(CamelContext context) {
        org.apache.camel.spi.ThreadPoolProfile profile = new org.apache.camel.builder.ThreadPoolProfileBuilder("staff-page-read")
                .poolSize(StaffPages.READERS).maxPoolSize(StaffPages.READERS).maxQueueSize(0)
                .rejectedPolicy(org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy.Abort).build();
        return context.getExecutorServiceManager().newThreadPool(this, "staff-page-read", profile);
    }
}
