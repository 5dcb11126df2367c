package org.sisbridge.staging.ddl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sisbridge.staging.mapping.CanonicalLayout;

/**
 * What the canonical layout ({@link CanonicalLayout}: names and kinds) does not say and a DBA needs
 * to create the tables: text lengths from the data dictionary, NOT NULL, defaults, the identity
 * column, the keys the agent relies on for exactly-once, and the indexes its queries use. Kept in
 * step with db/migration (StagingDictionaryTest compares it with a migrated database).
 *
 * <p>Each table is one line of fields, {@code name[:length[/needed]][!][=default][+]}: a length makes a
 * text field bounded (a text field without one is long text), {@code /needed} the least length that
 * holds the agent's own values when that is less (checked instead of the length), {@code !} is NOT NULL, {@code =} a default
 * ({@code now} for the time of the insert), {@code +} the identity column the database numbers.
 */
public final class StagingDictionary {

    /** How one canonical field is declared. */
    /**
     * @param length the text length the DDL declares (the data dictionary's)
     * @param needed the least length that holds what the agent writes: the same, or less for a field
     *               whose values are the agent's own words (a report's source is "upstream" or "drop")
     */
    public record Field(String name, String kind, Integer length, Integer needed, boolean notNull, String defaultValue,
                        boolean identity) {
    }

    /** One canonical table: fields in layout order, its key (primary), other unique keys, indexes. */
    public record Table(String name, Map<String, Field> fields, List<String> primaryKey, List<List<String>> uniqueKeys,
                        List<List<String>> indexes) {
        /** Every key the agent relies on for exactly-once: the primary key, then the other unique keys. */
        public List<List<String>> keys() {
            List<List<String>> keys = new ArrayList<>();
            keys.add(primaryKey);
            keys.addAll(uniqueKeys);
            return keys;
        }
    }

    /**
     * Timestamps the upstream sends with milliseconds (the events' 24-character form): a column that
     * drops them loses data, so check refuses it. Times the agent stamps itself only WARN.
     */
    public static final Set<String> MILLISECONDS_FROM_UPSTREAM = Set.of("idme_status_event.event_timestamp",
            "idme_status_event.idme_confirmation_timestamp");

    /** Text the agent counts in code points (the roster's names, as the contract does): see lengthForCodePoints. */
    public static final Set<String> COUNTED_IN_CODE_POINTS = Set.of("cccid_request.first_name",
            "cccid_request.middle_name", "cccid_request.last_name");

    /** Times the agent stamps (the order of "latest" in status): fractions help, their loss is a WARN. */
    public static final Set<String> STAMPED_BY_AGENT = Set.of("received_at", "rejected_at", "updated_at", "last_success_at",
            "last_failure_at", "loaded_at", "created_at", "results_written_at");

    private static final Map<String, Table> TABLES = new LinkedHashMap<>();

    static {
        table("idme_status_event", "mis_code:3!, event_id:32!, event_type:50!, event_timestamp!, ccc_id:9!, first_name:100,"
                        + " previous_first_name:100, last_name:100, previous_last_name:100, email:256, previous_email:256,"
                        + " idme_status:50!, previous_idme_status:50, idme_confirmation_timestamp, event_payload:2000!,"
                        + " transition_valid!, received_at!",
                "event_id, mis_code", List.of(), List.of("ccc_id"));
        table("idme_status_change", "mis_code:3!, row_key:80!, ccc_id:8!, latest_app_id!, latest_app_tstmp_submit!,"
                        + " latest_app_idme_workflow_status:16, latest_app_idme_optin_timestamp,"
                        + " latest_app_idme_confirmation_timestamp, current_idme_workflow_status:16, current_idme_optin_timestamp,"
                        + " current_idme_confirmation_timestamp, current_idme_workflow_status_change_timestamp,"
                        + " transition_valid!, report_id:100!, line_number!, loaded_at!",
                "row_key, mis_code", List.of(), List.of("ccc_id"));
        table("sisbridge_report_load", "report_id:100!, sha256:64!, mis_code:3, period:16, period_start, period_end,"
                        + " source:16/8!, rows_loaded!, rows_rejected!, loaded_at!",
                "report_id, sha256", List.of(), List.of("sha256"));
        table("cccid_request", "request_id!+, mis_code:3!, local_id:64!, first_name:100, middle_name:100, last_name:100,"
                        + " birth_date, email:256, phone:32, postal_code:16, status:16!=PENDING, reason_code:40,"
                        + " status_reason:1000, attempts!=0, batch_id:64, source:300!=sis, source_line, created_at!=now,"
                        + " updated_at!=now",
                "request_id", List.of(), List.of("mis_code, status, request_id", "batch_id", "source, status",
                        // the SIS source query looks up each student's latest outbox row (V7)
                        "mis_code, local_id, request_id"));
        table("cccid_batch", "batch_id:64!, mis_code:3!, status:16!, job_id:100, student_count!, attempts!=0,"
                        + " last_error:1000, created_at!, updated_at!",
                "batch_id", List.of(), List.of("mis_code, status"));
        table("cccid_result", "request_id!, mis_code:3!, local_id:64!, outcome:16!, ccc_id:9, matched_on:200, errors:4000,"
                        + " batch_id:64!, job_id:100!, received_at!, write_back_status:16, write_back_attempts, write_back_error:1000,"
                        + " write_back_at",
                "request_id", List.of(), List.of("mis_code, local_id", "mis_code, write_back_status"));
        table("cccid_roster_file", "source:300!, file_name:255!, row_count!, unreadable_lines!, loaded_at!,"
                        + " results_written_at, results_file:255, encoding:40",
                "source", List.of(), List.of());
        table("sisbridge_reject", "reject_id!+, source:64!, record_key:200!, reason_code:40!, reason:1000!, raw_input!,"
                        + " rejected_at!, source_ref:200, line_number",
                "reject_id", List.of("record_key, source"), List.of("source, reason_code"));
        table("sisbridge_checkpoint", "flow:64!, scope:64!, cursor_value:1000, updated_at!", "flow, scope", List.of(), List.of());
        table("sisbridge_flow_run", "flow:64!, scope:200!, last_success_at, received, stored, duplicates, rejected,"
                + " last_failure_at, last_failure:1000, updated_at!", "flow, scope", List.of(), List.of());
    }

    private StagingDictionary() {
    }

    /** Canonical table name to its declaration, in the layout's order. */
    public static Table table(String canonical) {
        return TABLES.get(canonical);
    }

    private static void table(String name, String fields, String primaryKey, List<String> uniqueKeys, List<String> indexes) {
        Map<String, String> kinds = CanonicalLayout.tables().get(name);
        Map<String, Field> declared = new LinkedHashMap<>();
        for (String spec : fields.split(",")) {
            Field f = field(name, spec.trim(), kinds);
            declared.put(f.name(), f);
        }
        if (!declared.keySet().equals(kinds.keySet())) {
            throw new IllegalStateException("StagingDictionary." + name + " declares " + declared.keySet()
                    + " but the canonical layout has " + kinds.keySet());
        }
        TABLES.put(name, new Table(name, declared, names(primaryKey),
                uniqueKeys.stream().map(StagingDictionary::names).toList(),
                indexes.stream().map(StagingDictionary::names).toList()));
    }

    private static Field field(String table, String spec, Map<String, String> kinds) {
        boolean identity = spec.endsWith("+");
        String s = identity ? spec.substring(0, spec.length() - 1) : spec;
        String defaultValue = null;
        int eq = s.indexOf('=');
        if (eq >= 0) {
            defaultValue = s.substring(eq + 1);
            s = s.substring(0, eq);
        }
        boolean notNull = s.endsWith("!");
        s = notNull ? s.substring(0, s.length() - 1) : s;
        Integer length = null;
        Integer needed = null;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            String[] lengths = s.substring(colon + 1).split("/");
            length = Integer.valueOf(lengths[0]);
            needed = Integer.valueOf(lengths[lengths.length - 1]);
            s = s.substring(0, colon);
        }
        String kind = kinds.get(s);
        if (kind == null) {
            throw new IllegalStateException("StagingDictionary." + table + "." + s + " is not in the canonical layout");
        }
        return new Field(s, kind, length, needed, notNull, defaultValue, identity);
    }

    private static List<String> names(String list) {
        return List.of(list.split(",\\s*"));
    }
}
