package org.sisbridge.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.status.StatusJson;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.StatusSnapshotReader;
import org.sisbridge.status.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the agent has done, read from the staging database: works whether the agent runs or not. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print what each flow last did, the pending roster students and the rejects.",
                "Prints the last successful run of each flow, the checkpoints, the roster students waiting for a CCCID",
                "and the reject counts by source and reason, read from the staging database (the agent need not run)."})
public class StatusCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the snapshot as JSON (the same as the status page's /status.json).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // with --json the line goes to stderr: stdout stays one JSON document for scripts
        (json ? spec.commandLine().getErr() : spec.commandLine().getOut()).println(config.banner());
        try (StagingConnection db = StagingConnection.open(config.configuration())) {
            StatusSnapshot snapshot = new StatusSnapshotReader(db.dataSource, db.mapping, db.settings.database().dialect(),
                    Clock.systemUTC(), db.latestRows, db.rosterNoteDays).read();
            if (json) {
                spec.commandLine().getOut().println(StatusJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(snapshot));
            } else {
                StatusText.print(snapshot, spec.commandLine().getOut());
            }
            return 0;
        } catch (StagingUnavailableException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } catch (InvalidConfigurationException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
    }
}
