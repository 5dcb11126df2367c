package org.sisbridge.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sisbridge.staging.KeyedInsert;
import org.sisbridge.staging.SqlIdentifier;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The staging table of events ({@code idme_status_event} in the generic layout, or wherever the
 * college's mapping sends it). Inserts only events whose (mis_code, event_id) it does not hold yet,
 * so a redelivered event is never written twice; the SIS-side columns are left for the college's jobs.
 */
public class IdmeEventTable {

    /** The canonical fields of a staged event, in the order rows are bound. */
    static final List<String> FIELDS = List.copyOf(CanonicalLayout.tables().get("idme_status_event").keySet());

    private final KeyedInsert rows;

    /** @param mapping where the canonical events table goes in this college's layout */
    public IdmeEventTable(TableMapping mapping, int batchSize) {
        this.rows = new KeyedInsert(mapping, FIELDS, "mis_code", "event_id", batchSize);
    }

    /**
     * @param connection a connection in a transaction (auto-commit off)
     * @return the events actually inserted; the others were already staged (duplicates)
     */
    public List<IdmeEvent> insertNew(Connection connection, List<IdmeEvent> events, LocalDateTime receivedAt)
            throws SQLException {
        return rows.insertNew(connection, events, e -> values(e, receivedAt));
    }

    /** The plain INSERT of one row into a table of the generic layout (the benchmark's yardstick uses it too). */
    public static String insertSql(String table) {
        return generic(table).insertSql(FIELDS);
    }

    public static void bind(PreparedStatement insert, IdmeEvent e, LocalDateTime receivedAt) throws SQLException {
        generic("unused").bind(insert, FIELDS, values(e, receivedAt));
    }

    private static TableMapping generic(String table) {
        return new TableMapping(SqlIdentifier.require("table", table), Map.of(), Map.of(),
                CanonicalLayout.tables().get("idme_status_event"));
    }

    /** The event's values in {@link #FIELDS} order. */
    private static List<Object> values(IdmeEvent e, LocalDateTime receivedAt) {
        Map<String, Object> row = new HashMap<>();
        row.put("mis_code", e.misCode());
        row.put("event_id", e.eventId());
        row.put("event_type", e.eventType());
        row.put("event_timestamp", e.eventTimestamp());
        row.put("ccc_id", e.cccid());
        row.put("first_name", e.firstName());
        row.put("previous_first_name", e.previousFirstName());
        row.put("last_name", e.lastName());
        row.put("previous_last_name", e.previousLastName());
        row.put("email", e.email());
        row.put("previous_email", e.previousEmail());
        row.put("idme_status", e.idmeStatus());
        row.put("previous_idme_status", e.previousIdmeStatus());
        row.put("idme_confirmation_timestamp", e.idmeConfirmationTimestamp());
        row.put("event_payload", e.eventPayload());
        row.put("transition_valid", e.transitionValid());
        row.put("received_at", receivedAt);
        return TableMapping.inFieldOrder(FIELDS, row);
    }
}
