package org.sisbridge.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.config.Launcher;
import org.sisbridge.rejects.RejectReplay;
import org.sisbridge.rejects.RejectReplayer;
import org.sisbridge.rejects.RejectStore;
import org.sisbridge.rejects.ReplayOutcome;
import org.sisbridge.runtime.AgentWithoutRoutes;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Re-runs rejected records through their pipeline once their cause is fixed. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Once a reject's cause is fixed (the mapping, the transition table, the MIS codes, ...), run its stored",
                "raw input through its pipeline's validation and writing again: an event into the events table, a report",
                "row into the report rows table, a roster file line into the outbox as PENDING. A reject that stages now",
                "is removed (an event or row already staged counts as a duplicate, written once); one that fails again",
                "stays with the new reason. Uses the agent's full configuration; the agent may be running meanwhile.",
                "Exits with 1 when any reject remains."})
public class RejectsReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Which which;

    static class Which {
        @Parameters(index = "0", paramLabel = "ID", description = "One reject, by id.")
        Long id;

        @ArgGroup(exclusive = false)
        Filter filter;
    }

    static class Filter {
        @Option(names = "--source", required = true, description = "Every reject of this source.")
        String source;

        @Option(names = "--reason", description = "Only those with this reason code.")
        String reason;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(config.banner());
        try (AgentWithoutRoutes agent = AgentWithoutRoutes.open(config.configuration(), SecretSource.fromSystem())) {
            StagingSettings staging = agent.bean("stagingSettings", StagingSettings.class);
            DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
            RejectStore store = new RejectStore(dataSource, staging.rejectTable(), staging.database().dialect());
            RejectReplay replay = new RejectReplay(dataSource, store, agent.beans(RejectReplayer.class),
                    agent.bean("clock", Clock.class));
            List<Long> ids = which.id != null ? List.of(which.id) : store.ids(which.filter.source, which.filter.reason);
            int staged = 0;
            int duplicates = 0;
            int remaining = 0;
            for (long id : ids) {
                RejectReplay.Result result = replay.replay(id);
                if (result == null) {
                    spec.commandLine().getErr().println("No reject with id " + id + " (" + Launcher.command("rejects list") + " shows the ids).");
                    remaining++;
                } else if (result.outcome() instanceof ReplayOutcome.Staged s) {
                    staged++;
                    duplicates += s.duplicate() ? 1 : 0;
                    out.println("reject " + id + ": " + s.what() + (s.duplicate() ? " was already staged (duplicate, not written again)"
                            : " staged") + "; reject removed");
                } else if (result.outcome() instanceof ReplayOutcome.StillRejected again) {
                    remaining++;
                    out.println("reject " + id + ": still rejected, " + again.reject().reason().name() + ": " + again.reject().describe());
                } else if (result.outcome() instanceof ReplayOutcome.NotReplayable not) {
                    remaining++;
                    out.println("reject " + id + ": cannot be replayed: " + not.why());
                }
            }
            out.println(ids.size() + " reject(s) replayed: " + staged + " staged (" + duplicates + " of them already there),"
                    + " " + remaining + " still rejected.");
            return remaining == 0 ? 0 : 1;
        } catch (InvalidConfigurationException e) {
            return RejectsCommand.configurationError(spec.commandLine(), e);
        }
    }
}
