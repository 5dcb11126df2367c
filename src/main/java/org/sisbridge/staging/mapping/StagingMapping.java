package org.sisbridge.staging.mapping;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.sisbridge.staging.SqlIdentifier;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A college's staging layout: for each canonical table (see {@link CanonicalLayout}) its target
 * table, target columns, conversions and constants, read from a YAML mapping file in
 * config/mappings. Names are checked as SQL identifiers and canonical names against the layout:
 * a mistake stops start-up with the file, the table and the name in the message.
 */
public final class StagingMapping {

    /** Tables whose writers go through the mapping today; mapping any other table is refused, not ignored. */
    public static final Set<String> MAPPABLE = Set.of("idme_status_event", "idme_status_change", "sisbridge_report_load",
            "cccid_request", "cccid_batch", "cccid_result", "cccid_roster_file");

    private final String layout;
    private final Map<String, TableMapping> tables;

    private StagingMapping(String layout, Map<String, TableMapping> tables) {
        this.layout = layout;
        this.tables = tables;
    }

    public String layout() {
        return layout;
    }

    /** The mapping of a canonical table; unmapped tables keep the name their configuration key gives. */
    public TableMapping table(String canonical) {
        return tables.get(canonical);
    }

    /**
     * @param tableNames resolves the configuration key of a canonical table (sisbridge.events.table, ...)
     */
    @SuppressWarnings("unchecked")
    public static StagingMapping load(Path file, Function<String, String> tableNames) {
        Map<String, Object> root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object parsed = new Load(LoadSettings.builder().build()).loadFromReader(in);
            root = parsed == null ? Map.of() : (Map<String, Object>) parsed;
        } catch (IOException e) {
            throw new IllegalArgumentException("sisbridge.staging.mapping: cannot read " + file + ": " + e.getMessage(), e);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("sisbridge.staging.mapping: " + file + " is not a YAML mapping");
        }
        String where = "mapping " + file.getFileName();
        Map<String, Object> declared = (Map<String, Object>) root.getOrDefault("tables", Map.of());
        Map<String, TableMapping> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> canonical : CanonicalLayout.tables().entrySet()) {
            String name = canonical.getKey();
            Map<String, Object> spec = (Map<String, Object>) declared.get(name);
            if (spec != null && !MAPPABLE.contains(name)) {
                throw new IllegalArgumentException(where + ": table " + name + " cannot be mapped yet (mappable: " + MAPPABLE + ")");
            }
            String key = CanonicalLayout.TABLE_KEYS.get(name);
            String target = SqlIdentifier.require(where + " " + name + ".table",
                    spec != null && spec.get("table") != null ? spec.get("table").toString() : tableNames.apply(key));
            tables.put(name, new TableMapping(target, columns(where, name, canonical.getValue(), spec),
                    constants(where, name, spec), canonical.getValue()));
        }
        for (String name : declared.keySet()) {
            if (!CanonicalLayout.tables().containsKey(name)) {
                throw new IllegalArgumentException(where + ": unknown canonical table '" + name + "' (known: "
                        + CanonicalLayout.tables().keySet() + ")");
            }
        }
        return new StagingMapping(String.valueOf(root.getOrDefault("layout", file.getFileName().toString())), tables);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, TableMapping.ColumnMapping> columns(String where, String table, Map<String, String> fields,
                                                                   Map<String, Object> spec) {
        Map<String, TableMapping.ColumnMapping> columns = new LinkedHashMap<>();
        if (spec == null || spec.get("columns") == null) {
            return columns;
        }
        for (Map.Entry<String, Object> entry : ((Map<String, Object>) spec.get("columns")).entrySet()) {
            String field = entry.getKey();
            if (!fields.containsKey(field)) {
                throw new IllegalArgumentException(where + ": " + table + " has no canonical field '" + field
                        + "' (known: " + fields.keySet() + ")");
            }
            String column;
            String convert = null;
            if (entry.getValue() instanceof Map<?, ?> detail) {
                column = String.valueOf(detail.get("column"));
                convert = detail.get("convert") == null ? null : detail.get("convert").toString();
            } else {
                column = String.valueOf(entry.getValue());
            }
            String here = where + " " + table + "." + field;
            columns.put(field, new TableMapping.ColumnMapping(SqlIdentifier.require(here, column),
                    ColumnConversion.parse(convert, here)));
        }
        return columns;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> constants(String where, String table, Map<String, Object> spec) {
        Map<String, String> constants = new LinkedHashMap<>();
        if (spec != null && spec.get("constants") != null) {
            ((Map<String, Object>) spec.get("constants")).forEach((column, value) ->
                    constants.put(SqlIdentifier.require(where + " " + table + ".constants", column), String.valueOf(value)));
        }
        return constants;
    }
}
