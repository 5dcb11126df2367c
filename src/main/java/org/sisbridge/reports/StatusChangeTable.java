package org.sisbridge.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.sisbridge.staging.KeyedInsert;
import org.sisbridge.staging.SqlIdentifier;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.FieldOrder;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The staging table of report rows ({@code idme_status_change} in the generic layout, or wherever
 * the college's mapping sends it). Inserts only rows whose (mis_code, row_key) it does not hold
 * yet (see {@link KeyedInsert}), so loading a report again (a crash and restart, a re-issued version,
 * a weekly report over its dailies) changes nothing.
 */
public class StatusChangeTable {

    /** The canonical fields of a staged report row, in the order rows are bound. */
    public static final List<String> FIELDS = List.copyOf(CanonicalLayout.tables().get("idme_status_change").keySet());
    private static final FieldOrder ORDER = new FieldOrder(FIELDS);

    /** Rows a batch INSERT sends at once; the loader's chunk (sisbridge.staging.batch-size) bounds a call anyway. */
    private static final int BATCH = 1000;

    private final TableMapping mapping;
    private final KeyedInsert rows;

    /** A table of the generic layout: canonical column names, no conversions. */
    public StatusChangeTable(String table) {
        this(new TableMapping(SqlIdentifier.require("sisbridge.reports.table", table), Map.of(), Map.of(),
                CanonicalLayout.tables().get("idme_status_change")));
    }

    /** @param mapping where the canonical report-rows table goes in this college's layout */
    public StatusChangeTable(TableMapping mapping) {
        this.mapping = mapping;
        this.rows = new KeyedInsert(mapping, FIELDS, "mis_code", "row_key", BATCH);
    }

    public String table() {
        return mapping.table();
    }

    /** @return how many of the rows were new (the others were already staged) */
    public final int insertNew(Connection connection, List<StatusChangeRow> rows, String reportId, LocalDateTime loadedAt)
            throws SQLException {
        // through the prepared way, so that there is one insert to override (the fault tests do)
        return insertNew(connection, prepare(rows, reportId, loadedAt));
    }

    /** A chunk's rows made ready to stage, without the database (on the thread that read and checked them). */
    public KeyedInsert.Prepared<StatusChangeRow> prepare(List<StatusChangeRow> rows, String reportId, LocalDateTime loadedAt) {
        return this.rows.prepare(rows, r -> values(r, reportId, loadedAt));
    }

    /** @return how many of the {@link #prepare}d rows were new */
    public int insertNew(Connection connection, KeyedInsert.Prepared<StatusChangeRow> rows) throws SQLException {
        return this.rows.insertNew(connection, rows).size();
    }

    /** The row's values in {@link #FIELDS} order (the benchmark's yardstick stages the same values). */
    public static List<Object> values(StatusChangeRow r, String reportId, LocalDateTime loadedAt) {
        FieldOrder.Row row = ORDER.row();
        row.put("mis_code", r.misCode());
        row.put("row_key", r.rowKey());
        row.put("ccc_id", r.cccid());
        row.put("latest_app_id", r.latestAppId());
        row.put("latest_app_tstmp_submit", r.latestAppSubmitted());
        row.put("latest_app_idme_workflow_status", r.previousStatus());
        row.put("latest_app_idme_optin_timestamp", r.previousOptin());
        row.put("latest_app_idme_confirmation_timestamp", r.previousConfirmation());
        row.put("current_idme_workflow_status", r.currentStatus());
        row.put("current_idme_optin_timestamp", r.currentOptin());
        row.put("current_idme_confirmation_timestamp", r.currentConfirmation());
        row.put("current_idme_workflow_status_change_timestamp", r.changedAt());
        row.put("transition_valid", r.transitionValid());
        row.put("report_id", reportId);
        row.put("line_number", r.lineNumber());
        row.put("loaded_at", loadedAt);
        return row.values();
    }
}
