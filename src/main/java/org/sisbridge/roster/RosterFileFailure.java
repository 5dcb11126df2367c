package org.sisbridge.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.BatchCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains a roster file that could not be loaded: writes error/NAME.reason next to where the
 * file consumer moves the file, so the staff member sees why without reading the agent's log, and
 * puts the failure on the status page (flow {@value #FLOW}, scope {@value #SCOPE}) until a later
 * file loads.
 */
public class RosterFileFailure {

    private static final Logger LOG = LoggerFactory.getLogger(RosterFileFailure.class);

    /** The drop folder's name on the status page and in the flow-run table. */
    public static final String FLOW = "roster-drop";
    public static final String SCOPE = "inbox";

    private final Path inbox;
    private final FlowActivity activity;

    /** Without a status page (tests of the loader alone): the reason file and the log line only. */
    public RosterFileFailure(Path inbox) {
        this(inbox, null);
    }

    public RosterFileFailure(Path inbox, FlowActivity activity) {
        this.inbox = inbox;
        this.activity = activity;
    }

    /** A file loaded: a failure of an earlier file no longer stands on the status page. */
    public void loaded(String fileName, long rows, long unreadableLines) {
        if (activity != null) {
            activity.success(FLOW, SCOPE, new BatchCounts(rows + unreadableLines, rows, 0, unreadableLines));
        }
    }

    /**
     * A file that repeats one loaded before: it moves to done/ (nothing is wrong with it), and
     * done/NAME.reason says which file it repeats, since no results file of its own name will come.
     */
    public void duplicate(String fileName, String why) throws IOException {
        Path reason = inbox.resolve("done").resolve(fileName + ".reason");
        Files.createDirectories(reason.getParent());
        Files.writeString(reason, "The roster file " + fileName + " entered nothing: " + why + System.lineSeparator(),
                StandardCharsets.UTF_8);
        LOG.info("Roster file {} entered nothing: {}", fileName, why);
    }

    public void explain(String fileName, Exception cause) throws IOException {
        String why = cause instanceof java.sql.SQLException sql
                ? "staging database error (SQLState " + sql.getSQLState() + "); drop the file again once it is fixed"
                : cause.getMessage();
        Path reason = inbox.resolve("error").resolve(fileName + ".reason");
        Files.createDirectories(reason.getParent());
        Files.writeString(reason, "The roster file " + fileName + " was not loaded: " + why + System.lineSeparator(),
                StandardCharsets.UTF_8);
        LOG.error("Roster file {} was not loaded and moves to {}: {}", fileName, reason.getParent(), why);
        if (activity != null) {
            activity.failure(FLOW, SCOPE, "roster file " + fileName + " was not loaded (moved to error/): " + why);
        }
    }
}
