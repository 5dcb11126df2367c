package org.sisbridge.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.config.Launcher;
import org.sisbridge.rejects.RejectStore;
import org.sisbridge.rejects.StoredReject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The newest rejects, one line each; never their raw input (it may hold student data). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List rejects, newest first: id, source, reason code, record key, time. Raw input is never listed.")
public class RejectsListCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", description = "Only this source: idme-events, idme-status-report, roster-file.")
    String source;

    @Option(names = "--reason", description = "Only this reason code (INVALID_CCCID, MIS_CODE_NOT_CONFIGURED, ...).")
    String reason;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(config.banner());
        try (StagingConnection db = StagingConnection.open(config.configuration())) {
            List<StoredReject> rejects = new RejectStore(db.dataSource, db.settings.rejectTable(), db.settings.database().dialect())
                    .list(source, reason, limit);
            String format = "%-8s %-20s %-26s %-40s %s%n";
            out.printf(format, "ID", "SOURCE", "REASON", "RECORD KEY", "REJECTED AT");
            for (StoredReject r : rejects) {
                out.printf(format, r.id(), r.source(), r.reasonCode(), r.recordKey(), r.rejectedAt());
            }
            out.println(rejects.size() + " reject(s) shown" + (rejects.size() == limit ? " (the newest " + limit + "; --limit shows more)" : "")
                    + ". " + Launcher.command("rejects show ID") + " for one in full.");
            return 0;
        } catch (StagingUnavailableException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } catch (InvalidConfigurationException e) {
            return RejectsCommand.configurationError(spec.commandLine(), e);
        }
    }
}
