package org.sisbridge.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sisbridge.staging.ExistingKeys;
import org.sisbridge.staging.SqlIdentifier;

/**
 * The staging table of events ({@code idme_status_event} by default). Inserts only events whose
 * (mis_code, event_id) it does not hold yet, so a redelivered event is never written twice; the
 * SIS-side columns (sis_*) are left for the college's jobs.
 */
public class IdmeEventTable {

    private static final String COLUMNS = "mis_code, event_id, event_type, event_timestamp, ccc_id, first_name,"
            + " previous_first_name, last_name, previous_last_name, email, previous_email, idme_status,"
            + " previous_idme_status, idme_confirmation_timestamp, event_payload, transition_valid, received_at";

    private final String table;
    private final int batchSize;

    public IdmeEventTable(String table, int batchSize) {
        this.table = SqlIdentifier.require("sisbridge.events.table", table);
        this.batchSize = batchSize;
    }

    /** @return the events actually inserted; the others were already staged (duplicates) */
    public List<IdmeEvent> insertNew(Connection connection, List<IdmeEvent> events, LocalDateTime receivedAt)
            throws SQLException {
        Map<String, Map<String, IdmeEvent>> byMis = new LinkedHashMap<>();
        for (IdmeEvent event : events) {
            byMis.computeIfAbsent(event.misCode(), m -> new LinkedHashMap<>()).putIfAbsent(event.eventId(), event);
        }
        List<IdmeEvent> inserted = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(insertSql(table))) {
            int pending = 0;
            for (Map.Entry<String, Map<String, IdmeEvent>> mis : byMis.entrySet()) {
                Set<String> existing = ExistingKeys.find(connection, table, "mis_code", mis.getKey(), "event_id",
                        mis.getValue().keySet());
                for (IdmeEvent event : mis.getValue().values()) {
                    if (existing.contains(event.eventId())) {
                        continue;
                    }
                    bind(insert, event, receivedAt);
                    insert.addBatch();
                    inserted.add(event);
                    if (++pending == batchSize) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        return inserted;
    }

    /** The plain INSERT of one row into a table of this layout (the benchmark's yardstick uses it too). */
    public static String insertSql(String table) {
        return "INSERT INTO " + SqlIdentifier.require("table", table) + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    }

    public static void bind(PreparedStatement insert, IdmeEvent e, LocalDateTime receivedAt) throws SQLException {
        insert.setString(1, e.misCode());
        insert.setString(2, e.eventId());
        insert.setString(3, e.eventType());
        insert.setTimestamp(4, Timestamp.valueOf(e.eventTimestamp()));
        insert.setString(5, e.cccid());
        insert.setString(6, e.firstName());
        insert.setString(7, e.previousFirstName());
        insert.setString(8, e.lastName());
        insert.setString(9, e.previousLastName());
        insert.setString(10, e.email());
        insert.setString(11, e.previousEmail());
        insert.setString(12, e.idmeStatus());
        insert.setString(13, e.previousIdmeStatus());
        if (e.idmeConfirmationTimestamp() == null) {
            insert.setNull(14, Types.TIMESTAMP);
        } else {
            insert.setTimestamp(14, Timestamp.valueOf(e.idmeConfirmationTimestamp()));
        }
        insert.setString(15, e.eventPayload());
        insert.setBoolean(16, e.transitionValid());
        insert.setTimestamp(17, Timestamp.valueOf(receivedAt));
    }
}
