package org.sisbridge.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.sisbridge.staging.CheckpointStore;

/** Where the events feed resumes for a MIS code, and the query that asks for the next page. */
public class EventFeedCursor {

    private final CheckpointStore checkpoints;
    private final int pageSize;

    public EventFeedCursor(CheckpointStore checkpoints, int pageSize) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("sisbridge.events.page-size must be 1..1000 (the upstream limit), was " + pageSize);
        }
        this.checkpoints = checkpoints;
        this.pageSize = pageSize;
    }

    /** @return the last committed cursor, or null to start at the beginning of the feed */
    public String load(String misCode) throws SQLException {
        return checkpoints.load(EventPageWriter.FLOW, misCode).orElse(null);
    }

    public String query(String cursor) {
        String limit = "limit=" + pageSize;
        return cursor == null || cursor.isEmpty()
                ? limit
                : "after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8) + "&" + limit;
    }
}
