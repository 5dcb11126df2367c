package org.sisbridge.cli;

import java.util.concurrent.Callable;
import org.sisbridge.check.AgentCheck;
import org.sisbridge.check.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Validates an installation without starting it: configuration, mapping, secrets, database, upstream. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the configuration, secrets, database and upstream; say what is wrong.",
                "Checks the configuration, the mapping file, the secrets, the staging database and the upstream,",
                "without starting any flow. Prints one line per finding (OK, WARN, ERROR);",
                "exits with 1 when anything is wrong, 0 otherwise."})
public class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--deep", description = {"Also run every statement of every enabled flow against the database,"
            + " through the mapping, with synthetic rows, in one transaction that is rolled back: OK or ERROR per statement."})
    boolean deep;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(config.banner());
        CheckReport report = new AgentCheck(config.configuration(), System.getenv(), deep).run(spec.commandLine().getOut());
        spec.commandLine().getOut().println(report.failed()
                ? report.errors() + " problem(s) found; the agent would not work as configured."
                : "All checks passed" + (report.warnings() > 0 ? " (" + report.warnings() + " warning(s))." : "."));
        return report.failed() ? 1 : 0;
    }
}
