package org.sisbridge.staff;

import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The two places a student's ID.me status changes are staged, read as one: the events feed
 * ({@code idme_status_event}: idme_status at event_timestamp) and the status change reports
 * ({@code idme_status_change}: current_idme_workflow_status at its change timestamp; a report row
 * without a change timestamp says nothing about when, so it is left out). Column and table names
 * come from the college's mapping; the status values are compared as the mapping stores them.
 */
public final class StatusSources {

    private final TableMapping events;
    private final TableMapping reports;

    public StatusSources(StagingMapping mapping) {
        this(mapping.table("idme_status_event"), mapping.table("idme_status_change"));
    }

    public StatusSources(TableMapping events, TableMapping reports) {
        this.events = events;
        this.reports = reports;
    }

    /**
     * A sub-select of every status change from both sources as (ccc_id, status, changed_at, source),
     * optionally only those of one status; its parameters are bound by {@link #bindStatus}.
     */
    String union(boolean oneStatus) {
        return "SELECT " + events.column("ccc_id") + " AS ccc_id, " + events.column("idme_status") + " AS status, "
                + events.column("event_timestamp") + " AS changed_at, 'events' AS source FROM " + events.table()
                + (oneStatus ? " WHERE " + events.column("idme_status") + " = ?" : "")
                + " UNION ALL SELECT " + reports.column("ccc_id") + ", " + reports.column("current_idme_workflow_status")
                + ", " + reports.column("current_idme_workflow_status_change_timestamp") + ", 'reports' FROM " + reports.table()
                + " WHERE " + reports.column("current_idme_workflow_status_change_timestamp") + " IS NOT NULL"
                + (oneStatus ? " AND " + reports.column("current_idme_workflow_status") + " = ?" : "");
    }

    /** Whether a later change of any status exists for the candidate's CCCID, in either source. */
    String laterChangeExists(String candidate) {
        return "EXISTS (SELECT 1 FROM " + events.table() + " e WHERE e." + events.column("ccc_id") + " = " + candidate
                + ".ccc_id AND e." + events.column("event_timestamp") + " > " + candidate + ".changed_at)"
                + " OR EXISTS (SELECT 1 FROM " + reports.table() + " r WHERE r." + reports.column("ccc_id") + " = "
                + candidate + ".ccc_id AND r." + reports.column("current_idme_workflow_status_change_timestamp") + " > "
                + candidate + ".changed_at)";
    }

    /** The stored form of a status value in each source (a mapping may upper-case it). */
    Object eventStatus(String status) {
        return events.value("idme_status", status);
    }

    Object reportStatus(String status) {
        return reports.value("current_idme_workflow_status", status);
    }

    TableMapping events() {
        return events;
    }
}
