package org.sisbridge.check;

import java.io.PrintWriter;
import org.sisbridge.staging.JdbcUrlMasking;

/** What {@code check} found, printed as it goes: one line per finding, OK / WARN / ERROR first. */
public final class CheckReport {

    private final PrintWriter out;
    private int errors;
    private int warnings;

    public CheckReport(PrintWriter out) {
        this.out = out;
    }

    public void ok(String what) {
        line("OK   ", what);
    }

    public void warn(String what) {
        warnings++;
        line("WARN ", what);
    }

    public void error(String what) {
        errors++;
        line("ERROR", what);
    }

    /** A statement {@code check --deep} could not exercise: neither passed nor failed, and said why. */
    public void skip(String what) {
        line("SKIP ", what);
    }

    public boolean failed() {
        return errors > 0;
    }

    public int errors() {
        return errors;
    }

    public int warnings() {
        return warnings;
    }

    private void line(String level, String what) {
        // continuation lines of a multi-line message stay under the message
        // a password written inside the JDBC URL never reaches the console, whichever finding quotes it
        out.println(level + " " + JdbcUrlMasking.mask(what).replace("\n", "\n      "));
        out.flush();
    }
}
