package org.sisbridge.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.config.Launcher;
import org.sisbridge.rejects.RejectStore;
import org.sisbridge.rejects.StoredReject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** One reject in full; its raw input only when asked for, since it may hold student data. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show one reject: source, key, where it came from (report or file, line), reason code and full reason.")
public class RejectsShowCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The reject's id (from rejects list).")
    long id;

    @Option(names = "--raw", description = "Also print the raw input as received. It may hold student data: mind where the output goes.")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(config.banner());
        try (StagingConnection db = StagingConnection.open(config.configuration())) {
            Optional<StoredReject> found = new RejectStore(db.dataSource, db.settings.rejectTable(), db.settings.database().dialect()).find(id);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("No reject with id " + id + " (" + Launcher.command("rejects list") + " shows the ids).");
                return 1;
            }
            StoredReject r = found.get();
            out.println("id:          " + r.id());
            out.println("source:      " + r.source());
            out.println("record key:  " + r.recordKey());
            out.println("source ref:  " + (r.sourceRef() == null ? "-" : r.sourceRef()));
            out.println("line:        " + (r.lineNumber() == null ? "-" : r.lineNumber()));
            out.println("reason code: " + r.reasonCode());
            out.println("reason:      " + r.reason());
            out.println("rejected at: " + r.rejectedAt());
            if (raw) {
                out.println("raw input:");
                out.println(r.rawInput());
            } else {
                out.println("raw input:   not shown (it may hold student data); add --raw to print it");
            }
            return 0;
        } catch (StagingUnavailableException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } catch (InvalidConfigurationException e) {
            return RejectsCommand.configurationError(spec.commandLine(), e);
        }
    }
}
