package org.sisbridge.staging;

import java.sql.SQLException;

/**
 * A checkpoint was not where the page being committed expects it: some other commit moved it since
 * the page was fetched (a retried or late page, a second agent on the same database). The page's
 * transaction must roll back; the next poll reads the checkpoint again and fetches from there.
 * An SQLException, because it is the staging database's state that refused the page: it is never
 * taken for an upstream failure and retried as one.
 */
public class CheckpointMovedException extends SQLException {

    public CheckpointMovedException(String flow, String scope, String expected) {
        super("the checkpoint of " + flow + " / " + scope + " is no longer "
                + (expected == null ? "absent" : "'" + expected + "'")
                + " (another commit moved it); this page was rolled back and is fetched again on the next poll");
    }

    public CheckpointMovedException(String flow, String scope, String expected, SQLException duplicateKey) {
        this(flow, scope, expected);
        initCause(duplicateKey);
    }
}
