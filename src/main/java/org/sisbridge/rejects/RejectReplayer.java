package org.sisbridge.rejects;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Re-runs one pipeline's validation and writing on a reject's stored raw input, inside the
 * caller's transaction (which also removes or updates the reject). One per reject source; each
 * capability binds its own.
 */
public interface RejectReplayer {

    /** The {@code source} of the rejects it replays. */
    String source();

    ReplayOutcome replay(Connection connection, StoredReject reject) throws SQLException;
}
