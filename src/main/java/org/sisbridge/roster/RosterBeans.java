package org.sisbridge.roster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.dropfolder.DropFolderGuard;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.runtime.MisCodes;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.upstream.UpstreamText;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.sis.ConfiguredSql;
import org.sisbridge.watch.FlowMetrics;

/** The beans routes/roster-push.yaml, roster-drop.yaml and roster-source.yaml call, built from {@code sisbridge.roster.*}. */
public class RosterBeans implements CamelConfiguration {

    /**
     * The names the roster drop folder takes (its guard is its include pattern): CSV, text as Excel saves
     * "Unicode Text", workbooks (.xlsx, and .xlsm, the same with macros, which are never run); and the other
     * spreadsheet files staff save, only to move them to error/ with the reason (save it as .xlsx or CSV):
     * .xls, .xlsb, LibreOffice's .ods and Apple's .numbers. Left alone in the folder they would wait unseen.
     */
    public static final String INBOX_FILES = "(?i).*\\.(csv|txt|xlsx|xlsm|xls|xlsb|ods|numbers)";

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        DataSource dataSource = registry.lookupByNameAndType("stagingDataSource", DataSource.class);
        StagingSettings staging = registry.lookupByNameAndType("stagingSettings", StagingSettings.class);
        RosterSettings settings = settings(config);
        registry.bind("rosterSettings", settings);

        // the tables' names come from the mapping: the generic layout takes them from sisbridge.roster.*-table
        StagingMapping mapping = registry.lookupByNameAndType("stagingMapping", StagingMapping.class);
        List<String> unusable = MappedTable.problems(mapping);
        if (!unusable.isEmpty()) {
            // the site's mapping: refused like any configuration error (run exits 2 with this message)
            throw new InvalidConfigurationException(List.of("sisbridge.staging.mapping (" + config.text("sisbridge.staging.mapping")
                    + "): the roster flow cannot work with these conversions:\n  - " + String.join("\n  - ", unusable)));
        }
        CccidRequestTable requests = new CccidRequestTable(mapping.table("cccid_request"));
        CccidBatchTable batches = new CccidBatchTable(mapping.table("cccid_batch"));
        CccidResultTable results = new CccidResultTable(mapping.table("cccid_result"));
        RosterValidator validator = new RosterValidator(clock, settings.minAge(), settings.maxAge(), settings.emailRequired());
        BulkAccountJson json = new BulkAccountJson(registry.lookupByNameAndType("objectMapper", ObjectMapper.class),
                registry.lookupByNameAndType("upstreamText", UpstreamText.class));
        registry.bind("bulkAccountJson", json);
        FlowMetrics metrics = registry.lookupByNameAndType("flowMetrics", FlowMetrics.class);
        RosterBatchBuilder builder = new RosterBatchBuilder(dataSource, requests, batches, validator, settings.batchSize(),
                metrics, clock);
        RosterBatches open = AgentBeans.bindIfAbsent(registry, "rosterBatches", RosterBatches.class,
                () -> new RosterBatches(dataSource, requests, batches, json, clock, metrics));
        registry.bind("outboxStatuses", new OutboxStatuses(dataSource, requests, clock));
        registry.bind("rosterBatchSource", new RosterBatchSource(open, builder, config.integer("sisbridge.roster.max-batches-per-poll")));
        SisWriteBack writeBack = writeBack(config);
        AgentBeans.bindIfAbsent(registry, "rosterResultWriter", RosterResultWriter.class, () -> new RosterResultWriter(dataSource,
                requests, batches, results, settings.maxAttempts(), metrics, clock,
                registry.lookupByNameAndType("flowActivity", FlowActivity.class), writeBack));
        registry.bind("rosterWriteBackRetries", new WriteBackRetries(dataSource, results, writeBack,
                config.integer("sisbridge.roster.write-back.max-retries-per-run"), clock,
                registry.lookupByNameAndType("flowActivity", FlowActivity.class)));
        RosterFileTable files = new RosterFileTable(mapping.table("cccid_roster_file"), requests);
        registry.bind("rosterFileLoader", new RosterFileLoader(dataSource, requests, files, validator,
                registry.lookupByNameAndType("rejectWriter", RejectWriter.class),
                registry.lookupByNameAndType("misCodes", MisCodes.class).values(), settings.emailRequired(),
                staging.batchSize(), clock, new RosterFileFailure(Path.of(config.text("sisbridge.roster.inbox")),
                        registry.lookupByNameAndType("flowActivity", FlowActivity.class)),
                config.integer("sisbridge.roster.max-line-chars"), RosterFileText.fallback(config.text("sisbridge.roster.charset")),
                new WorkbookLimits(config.integer("sisbridge.roster.workbook-max-part-bytes"),
                        config.integer("sisbridge.roster.workbook-max-shared-strings-bytes"))));
        registry.bind("rosterInboxGuard", new DropFolderGuard("Roster", INBOX_FILES, config.integer("sisbridge.roster.inbox-settle-ms"),
                config.integer("sisbridge.roster.inbox-unfinished-wait-ms")));
        registry.bind("rosterLineReplayer", new RosterLineReplayer(requests, files, validator,
                registry.lookupByNameAndType("misCodes", MisCodes.class).values(), settings.emailRequired(), clock));
        registry.bind("rosterResultsFiles", new RosterResultsFiles(dataSource, files, requests,
                results, staging.rejectTable(), Path.of(config.text("sisbridge.roster.outbox")), clock));
        // parsed even when a test binds its own run: a mistake in the query still stops the start
        RosterSourceSettings source = RosterSourceSettings.read(config);
        AgentBeans.bindIfAbsent(registry, "rosterSourceRun", RosterSourceRun.class, () -> source.run(dataSource, requests, validator,
                staging.batchSize(), clock, registry.lookupByNameAndType("flowActivity", FlowActivity.class)));
        registry.bind("bulkJobPolling", new BulkJobPolling(settings.pollInitialDelayMs(), settings.pollMaxDelayMs(),
                settings.pollBudgetMs()));
    }

    /** The college's write-back (sisbridge.roster.write-back.*); a statement that does not parse stops the start. */
    private static SisWriteBack writeBack(AgentProperties config) {
        if (!config.flag("sisbridge.roster.write-back.enabled")) {
            return SisWriteBack.off();
        }
        try {
            return new SisWriteBack(ConfiguredSql.read(config, "sisbridge.roster.write-back", SisWriteBack.PARAMETERS),
                    config.integer("sisbridge.roster.write-back.max-attempts"),
                    config.integer("sisbridge.roster.write-back.query-timeout-seconds"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(e.getMessage()));
        }
    }

    private static RosterSettings settings(AgentProperties config) {
        return new RosterSettings(
                config.integer("sisbridge.roster.batch-size"),
                config.integer("sisbridge.roster.max-attempts"),
                config.integer("sisbridge.roster.job-poll-initial-delay-ms"),
                config.integer("sisbridge.roster.job-poll-max-delay-ms"),
                config.integer("sisbridge.roster.job-poll-budget-ms"),
                config.integer("sisbridge.roster.min-age"),
                config.integer("sisbridge.roster.max-age"),
                config.flag("sisbridge.roster.email-required"),
                config.text("sisbridge.roster.request-table"),
                config.text("sisbridge.roster.batch-table"),
                config.text("sisbridge.roster.result-table"),
                config.text("sisbridge.roster.file-table"));
    }
}
