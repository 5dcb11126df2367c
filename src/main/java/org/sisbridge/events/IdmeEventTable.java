package org.sisbridge.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sisbridge.staging.ExistingKeys;
import org.sisbridge.staging.KeyViolation;
import org.sisbridge.staging.SeenKeys;
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

    private final TableMapping mapping;
    private final int batchSize;
    private final SeenKeys seen = new SeenKeys();

    /** @param mapping where the canonical events table goes in this college's layout */
    public IdmeEventTable(TableMapping mapping, int batchSize) {
        this.mapping = mapping;
        this.batchSize = batchSize;
    }

    /**
     * @param connection a connection in a transaction (auto-commit off): the insert runs under a savepoint
     * @return the events actually inserted; the others were already staged (duplicates)
     */
    public List<IdmeEvent> insertNew(Connection connection, List<IdmeEvent> events, LocalDateTime receivedAt)
            throws SQLException {
        Map<String, Map<String, IdmeEvent>> byMis = new LinkedHashMap<>();
        for (IdmeEvent event : events) {
            byMis.computeIfAbsent(event.misCode(), m -> new LinkedHashMap<>())
                    .putIfAbsent(String.valueOf(mapping.value("event_id", event.eventId())), event);
        }
        // Look up only the keys this process may have seen (redeliveries of what it wrote), then
        // insert the rest under a savepoint: a key written before a restart, or by someone else,
        // makes the table refuse the batch, and then every key of the page is looked up.
        Savepoint beforeInsert = connection.setSavepoint();
        try {
            return insert(connection, byMis, existing(connection, byMis, true), receivedAt);
        } catch (SQLException e) {
            if (!KeyViolation.isKeyViolation(e)) {
                throw e;
            }
            connection.rollback(beforeInsert);
        }
        return insert(connection, byMis, existing(connection, byMis, false), receivedAt);
    }

    /** The keys of the page the table holds already, per MIS code: of those maybe seen, or of all. */
    private Map<String, Set<String>> existing(Connection connection, Map<String, Map<String, IdmeEvent>> byMis,
                                              boolean onlyMaybeSeen) throws SQLException {
        Map<String, Set<String>> existing = new HashMap<>();
        for (Map.Entry<String, Map<String, IdmeEvent>> mis : byMis.entrySet()) {
            List<String> candidates = new ArrayList<>();
            for (String key : mis.getValue().keySet()) {
                if (!onlyMaybeSeen || seen.mightContain(mis.getKey() + "/" + key)) {
                    candidates.add(key);
                }
            }
            existing.put(mis.getKey(), candidates.isEmpty() ? Set.of() : ExistingKeys.find(connection, mapping.table(),
                    mapping.column("mis_code"), String.valueOf(mapping.value("mis_code", mis.getKey())),
                    mapping.column("event_id"), candidates));
        }
        return existing;
    }

    private List<IdmeEvent> insert(Connection connection, Map<String, Map<String, IdmeEvent>> byMis,
                                   Map<String, Set<String>> existing, LocalDateTime receivedAt) throws SQLException {
        List<IdmeEvent> inserted = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(mapping.insertSql(FIELDS))) {
            int pending = 0;
            for (Map.Entry<String, Map<String, IdmeEvent>> mis : byMis.entrySet()) {
                Set<String> skip = existing.getOrDefault(mis.getKey(), Set.of());
                for (Map.Entry<String, IdmeEvent> event : mis.getValue().entrySet()) {
                    // seen from now on: written below, or found already there (a rolled-back write only costs a lookup)
                    seen.add(mis.getKey() + "/" + event.getKey());
                    if (skip.contains(event.getKey())) {
                        continue;
                    }
                    mapping.bind(insert, FIELDS, values(event.getValue(), receivedAt));
                    insert.addBatch();
                    inserted.add(event.getValue());
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
