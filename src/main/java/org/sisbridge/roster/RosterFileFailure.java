package org.sisbridge.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.sisbridge.dropfolder.DropFolderGuard;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.BatchCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains a roster file that could not be loaded: writes error/NAME.reason next to where the
 * file consumer moves the file, so the staff member sees why without reading the agent's log, and
 * puts the failure on the status page (flow {@value #FLOW}, scope {@value #SCOPE}) until a later
 * file loads; there without the file's name, which may carry a student's.
 */
public class RosterFileFailure {

    private static final Logger LOG = LoggerFactory.getLogger(RosterFileFailure.class);

    /** The drop folder's name on the status page and in the flow-run table. */
    public static final String FLOW = "roster-drop";
    public static final String SCOPE = "inbox";
    /** The stamp before a loaded file's name in done/: the same file dropped twice within a second keeps both copies. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");

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
     * done/NAME.reason says which file it repeats, since no results file of its own name will come. NAME is
     * a free name (name-1.csv, ... when an earlier file of that name is there), the one the file moves to.
     *
     * @return where the file moves, relative to the inbox ("done/NAME")
     */
    public String duplicate(String fileName, String why) throws IOException {
        Path done = inbox.resolve("done");
        Files.createDirectories(done);
        String target = DropFolderGuard.freeName(done, fileName);
        Files.writeString(done.resolve(target + ".reason"), "The roster file " + fileName + " entered nothing: " + why
                + System.lineSeparator(), StandardCharsets.UTF_8);
        LOG.info("Roster file {} entered nothing: {}", fileName, why);
        return "done/" + target;
    }

    /** Where a loaded file moves, relative to the inbox: done/, its name after the millisecond it was loaded. */
    public String loadedTarget(String fileName, LocalDateTime loadedAt) {
        return "done/" + DropFolderGuard.freeName(inbox.resolve("done"), STAMP.format(loadedAt) + "-" + fileName);
    }

    /**
     * Writes error/NAME.reason, logs the one line and puts the failure on the status page. NAME is a free
     * name (name-1.csv, ... when an earlier failed file of that name is there), so no earlier file or reason
     * is overwritten; the file must move to exactly that name.
     *
     * @return where the file moves, relative to the inbox ("error/NAME")
     */
    public String explain(String fileName, Throwable cause) throws IOException {
        String why = cause instanceof java.sql.SQLException sql
                ? "staging database error (SQLState " + sql.getSQLState() + "); drop the file again once it is fixed"
                : cause.getMessage();
        Path error = inbox.resolve("error");
        Files.createDirectories(error);
        String target = DropFolderGuard.freeName(error, fileName);
        Files.writeString(error.resolve(target + ".reason"), "The roster file " + fileName + " was not loaded: " + why
                + System.lineSeparator(), StandardCharsets.UTF_8);
        LOG.error("Roster file {} was not loaded and moves to {}: {}", fileName, error.resolve(target), why);
        if (activity != null) {
            // the status page has no login, and staff may name a file after a student: the page says where the file
            // went and why, the name is in error/ (and in the log line above)
            activity.failure(FLOW, SCOPE, "a roster file was not loaded and moved to the drop folder's error/ (its name is that"
                    + " of the newest .reason file there, which says the same): " + why.replace(fileName, "the file"));
        }
        return "error/" + target;
    }
}
