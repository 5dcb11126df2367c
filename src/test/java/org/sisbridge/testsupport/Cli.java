package org.sisbridge.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.sisbridge.cli.SisbridgeCommand;
import picocli.CommandLine;

/** Runs the sisbridge command line in-process, as an operator would type it, capturing what it prints. */
public final class Cli {

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new SisbridgeCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }
}
