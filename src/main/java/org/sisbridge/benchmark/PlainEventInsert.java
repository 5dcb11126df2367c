package org.sisbridge.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.events.EventCheck;
import org.sisbridge.events.EventValidator;
import org.sisbridge.events.IdmeEventTable;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.SimulatedEvent;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The yardstick: the same rows the pipeline stored, with the same values (converted and with the
 * constant columns of the layout's mapping), written by a bare JDBC batch insert (or on PostgreSQL by
 * COPY), 1000 rows a batch and one commit per batch, into a copy of the layout's events table (same
 * columns, key and indexes) in the same database. Only the writes and commits are timed: building
 * the rows is not.
 */
public final class PlainEventInsert {

    private static final int BATCH = 1000;

    private PlainEventInsert() {
    }

    /**
     * @param table the events table of the layout the pipeline staged into
     * @return nanoseconds spent writing and committing
     */
    public static long run(DataSource dataSource, BenchmarkDatabase database, YardstickTable.Method method,
                           EventFeed feed, String misCode, StatusTransitionPolicy transitions, TableMapping table)
            throws SQLException {
        ObjectMapper json = new ObjectMapper();
        EventValidator validator = new EventValidator(json, Set.of(misCode), transitions, true);
        try (YardstickTable copy = YardstickTable.copyOf(dataSource, database, method, table, "bench_plain_insert",
                IdmeEventTable.FIELDS)) {
            long timed = 0;
            List<Object[]> batch = new ArrayList<>(BATCH);
            for (long i = 0; i < feed.size(); i++) {
                SimulatedEvent e = feed.event(misCode, i);
                ObjectNode raw = json.createObjectNode()
                        .put("eventId", e.eventId()).put("eventType", e.eventType())
                        .put("eventTimestamp", e.eventTimestamp()).put("misCode", e.misCode())
                        .put("eventPayload", e.eventPayload());
                if (validator.check(raw) instanceof EventCheck.Accepted ok) {
                    batch.add(copy.row(IdmeEventTable.values(ok.event(), LocalDateTime.now())));
                }
                if (batch.size() == BATCH || i == feed.size() - 1) {
                    timed += copy.write(batch);
                    batch.clear();
                }
            }
            return timed;
        }
    }
}
