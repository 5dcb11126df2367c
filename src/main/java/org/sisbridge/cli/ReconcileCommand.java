package org.sisbridge.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.config.ConfigFindings;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.config.Launcher;
import org.sisbridge.config.LoadedConfiguration;
import org.sisbridge.reconcile.ReconcileOutcome;
import org.sisbridge.reconcile.ReconcileRunner;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.staging.StagingDatabaseUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One reconciliation now, whatever the schedule says, through the same flow (and error policy) as the scheduled one. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Check the students the SIS lists with a CCCID (sisbridge.reconcile.sql) against upstream now,",
                "in match-only batches (upstream creates nothing), one run per configured MIS code (or --mis-code),",
                "and print the counts per outcome. A run cut off earlier is resumed. The agent's service may run meanwhile;",
                "this command starts no schedule and no management endpoint. Exits with 1 when a run did not complete,",
                "2 on a configuration error."})
public class ReconcileCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--mis-code", paramLabel = "MIS", description = "Only this college (one of sisbridge.mis-codes).")
    String misCode;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println(config.banner());
        AgentConfiguration configuration = config.configuration();
        ConfigFindings findings = configuration.validate(System.getenv());
        if (!findings.valid()) {
            err.println(new InvalidConfigurationException(findings.errors()).getMessage());
            return 2;
        }
        List<String> misCodes;
        String csv;
        try (LoadedConfiguration loaded = configuration.load(System.getenv())) {
            AgentProperties properties = loaded.properties();
            if (properties.textOrEmpty("sisbridge.reconcile.sql").isBlank() && properties.textOrEmpty("sisbridge.reconcile.sql-file").isBlank()) {
                err.println("sisbridge.reconcile.sql is not set (nor sisbridge.reconcile.sql-file): give the query that lists the"
                        + " students with their CCCID (samples: config/samples/reconcile-*.sql)");
                return 2;
            }
            misCodes = List.copyOf(properties.list("sisbridge.mis-codes"));
            if (misCode != null && !misCodes.contains(misCode)) {
                err.println("--mis-code " + misCode + " is not one of sisbridge.mis-codes (" + String.join(", ", misCodes) + ")");
                return 2;
            }
            csv = "http://" + properties.text("sisbridge.watch.host") + ":" + properties.text("sisbridge.watch.port")
                    + "/reconcile-conflicts.csv";
        }
        try (SisbridgeAgent agent = onlyTheReconcileFlow().build().start()) {
            int failed = 0;
            ProducerTemplate template = agent.camelContext().createProducerTemplate();
            for (String mis : misCode == null ? misCodes : List.of(misCode)) {
                failed += report(out, err, agent, mis, template.send("direct:reconcile", e -> e.setProperty("misCode", mis))) ? 0 : 1;
            }
            out.println("Conflicts to look at: " + Launcher.command("status") + ", the status page, or " + csv
                    + " (a CSV for a spreadsheet) while the agent runs.");
            return failed == 0 ? 0 : 1;
        } catch (Exception e) {
            InvalidConfigurationException invalid = RunCommand.causeOf(e, InvalidConfigurationException.class);
            if (invalid != null) {
                err.println(invalid.getMessage());
                return 2;
            }
            StagingDatabaseUnreachableException unreachable = RunCommand.causeOf(e, StagingDatabaseUnreachableException.class);
            if (unreachable != null) {
                err.println(unreachable.getMessage() + "\n" + StagingConnection.WHAT_TO_CHECK);
                return 1;
            }
            throw e;
        }
    }

    /** The agent of this site with no schedule and no endpoint: a service running beside it is left alone. */
    private SisbridgeAgent.Builder onlyTheReconcileFlow() {
        SisbridgeAgent.Builder builder = SisbridgeAgent.builder(SisbridgeCommand.home());
        if (config.file() != null) {
            builder.overrideFile(config.file());
        }
        for (String flow : List.of("events", "reports", "reports.drop", "roster", "roster.source", "reconcile")) {
            builder.property("sisbridge." + (flow.equals("reports.drop") ? "reports.drop-enabled" : flow + ".enabled"), false);
        }
        return builder.property("sisbridge.watch.enabled", false).property("sisbridge.watch.cli-connector-enabled", false);
    }

    /** One line per college: its counts, or why it did not complete. @return whether the run completed */
    private static boolean report(PrintWriter out, PrintWriter err, SisbridgeAgent agent, String mis, Exchange done) {
        Object body = done.getMessage().getBody();
        if (done.getException() == null && body instanceof ReconcileRunner.Summary summary && summary.complete()) {
            Map<ReconcileOutcome, Long> counts = summary.counts();
            long conflicts = ReconcileOutcome.CONFLICTS.stream().mapToLong(counts::get).sum();
            out.println("MIS " + mis + ": reconciliation " + summary.runId() + " complete, " + summary.students() + " student(s): "
                    + counts + "; " + conflicts + " conflict(s)"
                    + (summary.skipped() > 0 ? "; " + summary.skipped() + " row(s) without a usable local_id skipped" : ""));
            return true;
        }
        if (done.getException() == null && body instanceof ReconcileRunner.Summary capped && capped.capped()) {
            out.println("MIS " + mis + ": reconciliation " + capped.runId() + " stopped at sisbridge.reconcile.max-students-per-run,"
                    + " " + capped.counts().values().stream().mapToLong(Long::longValue).sum() + " student(s) checked so far;"
                    + " the next run (or " + Launcher.command("reconcile") + ") continues after them");
            return true;
        }
        String why = done.getException() != null ? done.getException().getMessage()
                : agent.bean("flowActivity", FlowActivity.class).lastFailure(ReconcileRunner.FLOW, mis);
        String progress = body instanceof ReconcileRunner.Summary s && s.runId() != null
                ? "reconciliation " + s.runId() + " stopped after " + s.students() + " student(s); the next run resumes it"
                : "reconciliation not completed";
        err.println("MIS " + mis + ": " + progress + (why == null ? "" : ": " + why));
        return false;
    }
}
