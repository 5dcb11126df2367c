package org.sisbridge.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.dropfolder.DropFolderGuard;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.runtime.MisCodes;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.watch.FlowMetrics;

/**
 * The beans routes/idme-status-report.yaml and routes/idme-status-report-drop.yaml call, built
 * from the {@code sisbridge.reports.*} keys. A bean already bound (a test's replacement) is kept.
 */
public class ReportsBeans implements CamelConfiguration {

    /**
     * The names the report drop folder takes (its guard is its include pattern): CSV files, and the spreadsheet
     * files a report opened and saved again by a spreadsheet becomes, only to move them to error/ with the reason
     * (a report is loaded from the CSV as delivered). Left alone in the folder they would wait unseen.
     */
    public static final String INBOX_FILES = "(?i).*\\.(csv|xlsx|xlsm|xls|xlsb|ods|numbers)";

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        DataSource dataSource = registry.lookupByNameAndType("stagingDataSource", DataSource.class);
        StagingSettings staging = registry.lookupByNameAndType("stagingSettings", StagingSettings.class);
        // where the college's mapping sends the reports tables (the generic layout: the sisbridge.reports.*table keys)
        StagingMapping mapping = registry.lookupByNameAndType("stagingMapping", StagingMapping.class);

        ReportsFlowStatistics statistics = AgentBeans.bindIfAbsent(registry, "reportsFlowStatistics",
                ReportsFlowStatistics.class, ReportsFlowStatistics::new);
        StatusChangeTable changeTable = AgentBeans.bindIfAbsent(registry, "statusChangeTable", StatusChangeTable.class,
                () -> new StatusChangeTable(mapping.table("idme_status_change")));
        ReportLoadTable loads = new ReportLoadTable(dataSource, mapping.table("sisbridge_report_load"));
        ReportRowValidator validator = new ReportRowValidator(registry.lookupByNameAndType("misCodes", MisCodes.class),
                registry.lookupByNameAndType("statusTransitionPolicy", StatusTransitionPolicy.class));
        registry.bind("reportRowReplayer", new ReportRowReplayer(validator, changeTable, loads, clock));
        ReportLoader loader = new ReportLoader(dataSource, validator, changeTable,
                registry.lookupByNameAndType("rejectWriter", RejectWriter.class), loads, staging.batchSize(), clock,
                context::isStopping,
                AgentBeans.writerThreads(context, this, "idme-status-report-writer", config.integer("sisbridge.reports.writer-connections")),
                config.integer("sisbridge.reports.chunks-in-flight"));
        OversizedReports oversized = new OversizedReports(clock,
                java.time.Duration.ofMillis(config.integer("sisbridge.reports.poll-interval-ms")),
                java.time.Duration.ofMillis(Long.parseLong(config.text("sisbridge.reports.oversized-retry-max-ms"))));
        ReportIntake intake = new ReportIntake(loader, loads, statistics,
                registry.lookupByNameAndType("flowActivity", FlowActivity.class),
                registry.lookupByNameAndType("flowMetrics", FlowMetrics.class), oversized);

        String start = config.textOrEmpty("sisbridge.reports.start-date");
        registry.bind("reportPoller", new ReportPoller(loads, new OfferedReports(dataSource, clock), start.isEmpty() ? null : LocalDate.parse(start),
                config.integer("sisbridge.reports.lookback-days"), clock, oversized));
        registry.bind("reportListingParser", new ReportListingParser(registry.lookupByNameAndType("objectMapper", ObjectMapper.class),
                config.text("sisbridge.upstream.base-url"), registry.lookupByNameAndType("flowActivity", FlowActivity.class)));
        registry.bind("reportDownload", new ReportDownload(Path.of(config.text("sisbridge.reports.download-folder")),
                config.integer("sisbridge.reports.max-row-bytes"), config.integer("sisbridge.reports.download-slack-bytes")));
        registry.bind("reportIntake", intake);
        registry.bind("reportDropFolder", new ReportDropFolder(intake));
        registry.bind("reportInboxGuard", new DropFolderGuard("Report", INBOX_FILES, config.integer("sisbridge.reports.inbox-settle-ms"),
                config.integer("sisbridge.reports.inbox-unfinished-wait-ms")));
    }
}
