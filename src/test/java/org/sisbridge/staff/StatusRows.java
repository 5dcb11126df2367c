package org.sisbridge.staff;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.TableMapping;
import org.sisbridge.testsupport.TestDatabase;

/** Status changes written straight into the generic staging tables, by either source. */
public final class StatusRows {

    private final TestDatabase database;
    private int sequence;

    public StatusRows(TestDatabase database) {
        this.database = database;
    }

    public static StatusSources genericSources() {
        return new StatusSources(generic("idme_status_event"), generic("idme_status_change"));
    }

    private static TableMapping generic(String table) {
        return new TableMapping(table, Map.of(), Map.of(), CanonicalLayout.tables().get(table));
    }

    /** An event of the feed: that student's status became status at that time (received then too). */
    public StatusRows event(String cccId, String status, LocalDateTime at, String firstName, String lastName) throws Exception {
        sequence++;
        try (var c = database.dataSource().getConnection(); var insert = c.prepareStatement("INSERT INTO idme_status_event"
                + " (mis_code, event_id, event_type, event_timestamp, ccc_id, first_name, last_name, idme_status,"
                + " event_payload, transition_valid, received_at) VALUES ('111', ?, 'status_change', ?, ?, ?, ?, ?, '{}', ?, ?)")) {
            insert.setString(1, "E" + sequence);
            insert.setTimestamp(2, Timestamp.valueOf(at));
            insert.setString(3, cccId);
            insert.setString(4, firstName);
            insert.setString(5, lastName);
            insert.setString(6, status);
            insert.setBoolean(7, true);
            insert.setTimestamp(8, Timestamp.valueOf(at));
            insert.executeUpdate();
        }
        return this;
    }

    /** A report row: that student's current status changed to status at that time. */
    public StatusRows report(String cccId, String status, LocalDateTime at) throws Exception {
        sequence++;
        try (var c = database.dataSource().getConnection(); var insert = c.prepareStatement("INSERT INTO idme_status_change"
                + " (mis_code, row_key, ccc_id, latest_app_id, latest_app_tstmp_submit, current_idme_workflow_status,"
                + " current_idme_workflow_status_change_timestamp, transition_valid, report_id, line_number, loaded_at)"
                + " VALUES ('111', ?, ?, ?, ?, ?, ?, ?, 'R1', ?, ?)")) {
            insert.setString(1, cccId + "|" + sequence);
            insert.setString(2, cccId);
            insert.setLong(3, sequence);
            insert.setTimestamp(4, Timestamp.valueOf(at));
            insert.setString(5, status);
            insert.setTimestamp(6, Timestamp.valueOf(at));
            insert.setBoolean(7, true);
            insert.setLong(8, sequence);
            insert.setTimestamp(9, Timestamp.valueOf(at));
            insert.executeUpdate();
        }
        return this;
    }
}
