package org.sisbridge.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.sisbridge.dictionary.UtcTimestamp;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.SimulatedEvent;

/**
 * The yardstick: the same rows written by a bare JDBC batch insert (1000 rows a batch, one commit
 * per batch) into a copy of the events table in the same database, with no HTTP, no JSON, no checks.
 */
public final class PlainEventInsert {

    private static final int BATCH = 1000;

    private PlainEventInsert() {
    }

    /** @return nanoseconds spent inserting (table creation excluded) */
    public static long run(DataSource dataSource, EventFeed feed, String misCode) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement ddl = c.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS bench_plain_insert");
                ddl.execute("CREATE TABLE bench_plain_insert AS SELECT * FROM idme_status_event WITH NO DATA");
                ddl.execute("ALTER TABLE bench_plain_insert ALTER COLUMN event_id SET NOT NULL");
                ddl.execute("ALTER TABLE bench_plain_insert ALTER COLUMN mis_code SET NOT NULL");
                ddl.execute("ALTER TABLE bench_plain_insert ADD PRIMARY KEY (event_id, mis_code)");
            }
            c.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_plain_insert (mis_code, event_id,"
                    + " event_type, event_timestamp, ccc_id, first_name, last_name, email, idme_status,"
                    + " previous_idme_status, event_payload, transition_valid, received_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                Timestamp now = Timestamp.valueOf(LocalDateTime.now());
                for (long i = 0; i < feed.size(); i++) {
                    SimulatedEvent e = feed.event(misCode, i);
                    insert.setString(1, e.misCode());
                    insert.setString(2, e.eventId());
                    insert.setString(3, e.eventType());
                    insert.setTimestamp(4, Timestamp.valueOf(UtcTimestamp.parse(e.eventTimestamp()).orElseThrow()));
                    insert.setString(5, e.cccid());
                    insert.setString(6, e.firstName());
                    insert.setString(7, e.lastName());
                    insert.setString(8, e.email());
                    insert.setString(9, e.idmeStatus());
                    insert.setString(10, e.previousIdmeStatus());
                    insert.setString(11, e.eventPayload());
                    insert.setBoolean(12, true);
                    insert.setTimestamp(13, now);
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            return System.nanoTime() - started;
        }
    }
}
