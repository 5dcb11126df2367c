package org.sisbridge.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.events.EventCheck;
import org.sisbridge.events.EventValidator;
import org.sisbridge.events.IdmeEvent;
import org.sisbridge.events.IdmeEventTable;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.SimulatedEvent;

/**
 * The yardstick: the same rows the pipeline stored, written by a bare JDBC batch insert (1000 rows
 * a batch, one commit per batch) into a copy of the events table (same columns, key and indexes)
 * in the same database. Only the inserts and commits are timed: building the rows is not.
 */
public final class PlainEventInsert {

    private static final int BATCH = 1000;

    private PlainEventInsert() {
    }

    /** @return nanoseconds spent inserting and committing */
    public static long run(DataSource dataSource, EventFeed feed, String misCode, StatusTransitionPolicy transitions)
            throws SQLException {
        ObjectMapper json = new ObjectMapper();
        EventValidator validator = new EventValidator(json, Set.of(misCode), transitions, true);
        try (Connection c = dataSource.getConnection()) {
            try (Statement ddl = c.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS bench_plain_insert");
                ddl.execute("CREATE TABLE bench_plain_insert AS SELECT * FROM idme_status_event WITH NO DATA");
                ddl.execute("ALTER TABLE bench_plain_insert ALTER COLUMN event_id SET NOT NULL");
                ddl.execute("ALTER TABLE bench_plain_insert ALTER COLUMN mis_code SET NOT NULL");
                ddl.execute("ALTER TABLE bench_plain_insert ADD PRIMARY KEY (event_id, mis_code)");
                ddl.execute("CREATE INDEX ix_bench_plain_unprocessed ON bench_plain_insert (sis_processed_flag, received_at)");
                ddl.execute("CREATE INDEX ix_bench_plain_ccc_id ON bench_plain_insert (ccc_id)");
            }
            c.setAutoCommit(false);
            long timed = 0;
            try (PreparedStatement insert = c.prepareStatement(IdmeEventTable.insertSql("bench_plain_insert"))) {
                List<IdmeEvent> batch = new ArrayList<>(BATCH);
                for (long i = 0; i < feed.size(); i++) {
                    SimulatedEvent e = feed.event(misCode, i);
                    com.fasterxml.jackson.databind.node.ObjectNode raw = json.createObjectNode()
                            .put("eventId", e.eventId()).put("eventType", e.eventType())
                            .put("eventTimestamp", e.eventTimestamp()).put("misCode", e.misCode())
                            .put("eventPayload", e.eventPayload());
                    if (validator.check(raw) instanceof EventCheck.Accepted ok) {
                        batch.add(ok.event());
                    }
                    if (batch.size() == BATCH || i == feed.size() - 1) {
                        LocalDateTime now = LocalDateTime.now();
                        long started = System.nanoTime();
                        for (IdmeEvent row : batch) {
                            IdmeEventTable.bind(insert, row, now);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        c.commit();
                        timed += System.nanoTime() - started;
                        batch.clear();
                    }
                }
            }
            return timed;
        }
    }
}
