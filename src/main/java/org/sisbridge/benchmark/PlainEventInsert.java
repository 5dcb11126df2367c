package org.sisbridge.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.events.EventCheck;
import org.sisbridge.events.EventValidator;
import org.sisbridge.events.IdmeEvent;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.SimulatedEvent;

/**
 * The yardstick: the same rows the pipeline stored, written by a bare JDBC batch insert (or on
 * PostgreSQL by COPY), 1000 rows a batch and one commit per batch, into a copy of the events table
 * (same columns, key and indexes) in the same database. Only the writes and commits are timed:
 * building the rows is not.
 */
public final class PlainEventInsert {

    private static final int BATCH = 1000;
    /** The columns IdmeEventTable writes, in the order of {@link #row}. */
    private static final String COLUMNS = "mis_code, event_id, event_type, event_timestamp, ccc_id, first_name,"
            + " previous_first_name, last_name, previous_last_name, email, previous_email, idme_status,"
            + " previous_idme_status, idme_confirmation_timestamp, event_payload, transition_valid, received_at";

    private PlainEventInsert() {
    }

    /** @return nanoseconds spent writing and committing */
    public static long run(DataSource dataSource, BenchmarkDatabase database, YardstickTable.Method method,
                           EventFeed feed, String misCode, StatusTransitionPolicy transitions) throws SQLException {
        ObjectMapper json = new ObjectMapper();
        EventValidator validator = new EventValidator(json, Set.of(misCode), transitions, true);
        List<String> ddl = database.copyTableSql("bench_plain_insert", "idme_status_event", "event_id, mis_code",
                "sis_processed_flag, received_at", "ccc_id");
        try (YardstickTable table = new YardstickTable(dataSource.getConnection(), method, "bench_plain_insert", COLUMNS, ddl)) {
            long timed = 0;
            List<Object[]> batch = new ArrayList<>(BATCH);
            for (long i = 0; i < feed.size(); i++) {
                SimulatedEvent e = feed.event(misCode, i);
                ObjectNode raw = json.createObjectNode()
                        .put("eventId", e.eventId()).put("eventType", e.eventType())
                        .put("eventTimestamp", e.eventTimestamp()).put("misCode", e.misCode())
                        .put("eventPayload", e.eventPayload());
                if (validator.check(raw) instanceof EventCheck.Accepted ok) {
                    batch.add(row(ok.event(), LocalDateTime.now()));
                }
                if (batch.size() == BATCH || i == feed.size() - 1) {
                    timed += table.write(batch);
                    batch.clear();
                }
            }
            return timed;
        }
    }

    /** One row as IdmeEventTable.bind binds it. */
    private static Object[] row(IdmeEvent e, LocalDateTime receivedAt) {
        return new Object[] {e.misCode(), e.eventId(), e.eventType(), Timestamp.valueOf(e.eventTimestamp()), e.cccid(),
            e.firstName(), e.previousFirstName(), e.lastName(), e.previousLastName(), e.email(), e.previousEmail(),
            e.idmeStatus(), e.previousIdmeStatus(),
            e.idmeConfirmationTimestamp() == null ? null : Timestamp.valueOf(e.idmeConfirmationTimestamp()),
            e.eventPayload(), e.transitionValid(), Timestamp.valueOf(receivedAt)};
    }
}
