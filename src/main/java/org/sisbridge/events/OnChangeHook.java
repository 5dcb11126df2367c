package org.sisbridge.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sisbridge.logging.LogMasking;
import org.sisbridge.staging.sis.NamedSql;

/**
 * The college's on-change statement (sisbridge.events.on-change.*): run in the page's transaction
 * for each newly staged status change whose new status is one of the configured ones, to set a
 * flag or a hold in the SIS. Redelivered events the table already holds do not run it again. When
 * the SIS refuses it, the page fails as a whole (nothing of it commits, the cursor stays) and is
 * read again on the next poll, so every change runs the statement once, or the poll says why not.
 */
public final class OnChangeHook {

    /** The named parameters an on-change statement may use: the event's identifiers and statuses, no names or e-mails. */
    public static final Set<String> PARAMETERS = Set.of("ccc_id", "mis_code", "event_id", "event_type", "idme_status",
            "previous_idme_status", "event_timestamp", "idme_confirmation_timestamp");

    private static final OnChangeHook OFF = new OnChangeHook(null, Set.of(), 0);

    private final NamedSql sql;
    private final Set<String> statuses;
    private final int queryTimeoutSeconds;

    /** @param statuses the new statuses (normalized, as {@link IdmeEvent#idmeStatus()} holds them) that run it */
    public OnChangeHook(NamedSql sql, Set<String> statuses, int queryTimeoutSeconds) {
        this.sql = sql;
        this.statuses = Set.copyOf(statuses);
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    public static OnChangeHook off() {
        return OFF;
    }

    /**
     * Runs the statement for each matching event, in the caller's transaction.
     *
     * @param stored the events this page newly staged
     * @return how many times it ran
     * @throws SQLException naming the event and the key, with the database's message: the page must not commit
     */
    public int run(Connection connection, List<IdmeEvent> stored) throws SQLException {
        if (sql == null) {
            return 0;
        }
        int ran = 0;
        for (IdmeEvent e : stored) {
            if (e.idmeStatus() == null || !statuses.contains(e.idmeStatus())) {
                continue;
            }
            try (PreparedStatement statement = sql.prepare(connection, values(e))) {
                statement.setQueryTimeout(queryTimeoutSeconds);
                statement.execute();
            } catch (SQLException refused) {
                // short before the database's message: a long line is shortened in its middle on the status page.
                // Its first line only: PostgreSQL's next ones quote the SIS row, names included (LogMasking.firstLine)
                throw new SQLException("sisbridge.events.on-change failed for event " + e.eventId() + " (MIS " + e.misCode()
                        + ", status " + e.idmeStatus() + "), page not staged, read again next poll: "
                        + LogMasking.firstLine(refused.getMessage()),
                        refused.getSQLState(), refused);
            }
            ran++;
        }
        return ran;
    }

    private static Map<String, Object> values(IdmeEvent e) {
        Map<String, Object> values = new HashMap<>();
        values.put("ccc_id", e.cccid());
        values.put("mis_code", e.misCode());
        values.put("event_id", e.eventId());
        values.put("event_type", e.eventType());
        values.put("idme_status", e.idmeStatus());
        values.put("previous_idme_status", e.previousIdmeStatus());
        values.put("event_timestamp", e.eventTimestamp());
        values.put("idme_confirmation_timestamp", e.idmeConfirmationTimestamp());
        return values;
    }
}
