package org.sisbridge.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sisbridge.staging.ExistingKeys;
import org.sisbridge.staging.SqlIdentifier;

/**
 * The staging table of report rows ({@code idme_status_change} by default). Inserts only rows
 * whose (mis_code, row_key) it does not hold yet, in plain portable SQL, so loading a report again
 * (a crash and restart, a re-issued version, a weekly report over its dailies) changes nothing.
 */
public class StatusChangeTable {

    private static final String COLUMNS = "mis_code, row_key, ccc_id, latest_app_id, latest_app_tstmp_submit,"
            + " latest_app_idme_workflow_status, latest_app_idme_optin_timestamp, latest_app_idme_confirmation_timestamp,"
            + " current_idme_workflow_status, current_idme_optin_timestamp, current_idme_confirmation_timestamp,"
            + " current_idme_workflow_status_change_timestamp, transition_valid, report_id, line_number, loaded_at";

    private final String table;

    public StatusChangeTable(String table) {
        this.table = SqlIdentifier.require("sisbridge.reports.table", table);
    }

    public String table() {
        return table;
    }

    /** @return how many of the rows were new (the others were already staged) */
    public int insertNew(Connection connection, List<StatusChangeRow> rows, String reportId, LocalDateTime loadedAt)
            throws SQLException {
        Map<String, Map<String, StatusChangeRow>> byMis = new LinkedHashMap<>();
        for (StatusChangeRow row : rows) {
            byMis.computeIfAbsent(row.misCode(), m -> new LinkedHashMap<>()).putIfAbsent(row.rowKey(), row);
        }
        int inserted = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            Timestamp now = Timestamp.valueOf(loadedAt);
            for (Map.Entry<String, Map<String, StatusChangeRow>> mis : byMis.entrySet()) {
                Set<String> existing = ExistingKeys.find(connection, table, "mis_code", mis.getKey(), "row_key",
                        mis.getValue().keySet());
                for (StatusChangeRow row : mis.getValue().values()) {
                    if (!existing.contains(row.rowKey())) {
                        bind(insert, row, reportId, now);
                        insert.addBatch();
                        inserted++;
                    }
                }
            }
            if (inserted > 0) {
                insert.executeBatch();
            }
        }
        return inserted;
    }

    private static void bind(PreparedStatement insert, StatusChangeRow r, String reportId, Timestamp now) throws SQLException {
        insert.setString(1, r.misCode());
        insert.setString(2, r.rowKey());
        insert.setString(3, r.cccid());
        insert.setLong(4, r.latestAppId());
        timestamp(insert, 5, r.latestAppSubmitted());
        insert.setString(6, r.previousStatus());
        timestamp(insert, 7, r.previousOptin());
        timestamp(insert, 8, r.previousConfirmation());
        insert.setString(9, r.currentStatus());
        timestamp(insert, 10, r.currentOptin());
        timestamp(insert, 11, r.currentConfirmation());
        timestamp(insert, 12, r.changedAt());
        insert.setBoolean(13, r.transitionValid());
        insert.setString(14, reportId);
        insert.setLong(15, r.lineNumber());
        insert.setTimestamp(16, now);
    }

    private static void timestamp(PreparedStatement insert, int index, LocalDateTime value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.TIMESTAMP);
        } else {
            insert.setTimestamp(index, Timestamp.valueOf(value));
        }
    }
}
