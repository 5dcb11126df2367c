package org.sisbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Records the agent could not stage: look at them, and replay them once their cause is fixed. */
@Command(name = "rejects", mixinStandardHelpOptions = true,
        description = {"List, show and replay rejected records (the rejects table, sisbridge_reject by default).",
                "A replayed record that stages is removed from the rejects table; one that fails again stays, with the new reason."},
        subcommands = {RejectsListCommand.class, RejectsShowCommand.class, RejectsReplayCommand.class})
public class RejectsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Every rejects subcommand reports a bad configuration the same way: the message, exit code 2. */
    static int configurationError(CommandLine cli, RuntimeException e) {
        cli.getErr().println(e.getMessage());
        return 2;
    }
}
