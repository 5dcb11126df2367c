package org.sisbridge.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains a roster file that could not be loaded: writes error/NAME.reason next to where the
 * file consumer moves the file, so the staff member sees why without reading the agent's log.
 */
public class RosterFileFailure {

    private static final Logger LOG = LoggerFactory.getLogger(RosterFileFailure.class);

    private final Path inbox;

    public RosterFileFailure(Path inbox) {
        this.inbox = inbox;
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
    }
}
