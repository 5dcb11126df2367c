package org.sisbridge.staging.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The canonical staging layout (staging/canonical-layout.properties): each table the agent writes,
 * the configuration key that names it, and its fields with their kinds.
 */
public final class CanonicalLayout {

    /** Canonical table to the configuration key that names it in the generic layout. */
    public static final Map<String, String> TABLE_KEYS = Map.ofEntries(
            Map.entry("idme_status_event", "sisbridge.events.table"),
            Map.entry("sisbridge_reject", "sisbridge.staging.reject-table"),
            Map.entry("sisbridge_checkpoint", "sisbridge.staging.checkpoint-table"),
            Map.entry("sisbridge_flow_run", "sisbridge.staging.flow-run-table"),
            Map.entry("idme_status_change", "sisbridge.reports.table"),
            Map.entry("sisbridge_report_load", "sisbridge.reports.load-table"),
            Map.entry("cccid_request", "sisbridge.roster.request-table"),
            Map.entry("cccid_batch", "sisbridge.roster.batch-table"),
            Map.entry("cccid_result", "sisbridge.roster.result-table"),
            Map.entry("cccid_roster_file", "sisbridge.roster.file-table"));

    /** The tables in the order a person reads them (and problems are listed). */
    private static final java.util.List<String> ORDER = java.util.List.of("idme_status_event", "idme_status_change",
            "sisbridge_report_load", "cccid_request", "cccid_batch", "cccid_result", "cccid_roster_file",
            "sisbridge_reject", "sisbridge_checkpoint", "sisbridge_flow_run");

    private static final Map<String, Map<String, String>> TABLES = load();

    private CanonicalLayout() {
    }

    /** Canonical table to (field to kind), in declaration order. */
    public static Map<String, Map<String, String>> tables() {
        return TABLES;
    }

    private static Map<String, Map<String, String>> load() {
        Properties raw = new Properties();
        try (InputStream in = CanonicalLayout.class.getResourceAsStream("/staging/canonical-layout.properties")) {
            raw.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (String table : ORDER) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String spec : raw.getProperty(table).split(",")) {
                String[] parts = spec.trim().split(":");
                fields.put(parts[0], parts[1]);
            }
            tables.put(table, fields);
        }
        return tables;
    }
}
