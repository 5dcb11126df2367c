package org.sisbridge.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import org.sisbridge.staging.KeyedInsert;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.FieldOrder;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The staging table of events ({@code idme_status_event} in the generic layout, or wherever the
 * college's mapping sends it). Inserts only events whose (mis_code, event_id) it does not hold yet,
 * so a redelivered event is never written twice; the SIS-side columns are left for the college's jobs.
 */
public class IdmeEventTable {

    /** The canonical fields of a staged event, in the order rows are bound. */
    public static final List<String> FIELDS = List.copyOf(CanonicalLayout.tables().get("idme_status_event").keySet());
    private static final FieldOrder ORDER = new FieldOrder(FIELDS);

    private final KeyedInsert rows;

    /** @param mapping where the canonical events table goes in this college's layout */
    public IdmeEventTable(TableMapping mapping, int batchSize) {
        this.rows = new KeyedInsert(mapping, FIELDS, "mis_code", "event_id", batchSize);
    }

    /**
     * @param connection a connection in a transaction (auto-commit off)
     * @return the events actually inserted; the others were already staged (duplicates)
     */
    public final List<IdmeEvent> insertNew(Connection connection, List<IdmeEvent> events, LocalDateTime receivedAt)
            throws SQLException {
        // through the prepared way, so that there is one insert to override
        return insertNew(connection, prepare(events, receivedAt));
    }

    /** A page's events made ready to stage, without the database (on the thread that checked them). */
    public KeyedInsert.Prepared<IdmeEvent> prepare(List<IdmeEvent> events, LocalDateTime receivedAt) {
        return rows.prepare(events, e -> values(e, receivedAt));
    }

    /** @return the events of the {@link #prepare}d page actually inserted; the others were already staged */
    public List<IdmeEvent> insertNew(Connection connection, KeyedInsert.Prepared<IdmeEvent> events) throws SQLException {
        return rows.insertNew(connection, events);
    }

    /** The event's values in {@link #FIELDS} order (the benchmark's yardstick stages the same values). */
    public static List<Object> values(IdmeEvent e, LocalDateTime receivedAt) {
        FieldOrder.Row row = ORDER.row();
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
        return row.values();
    }
}
