package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.sisbridge.staging.dialect.PostgresCopyInsert;
import org.sisbridge.staging.mapping.TableMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Insert-if-absent of a batch of rows keyed by (scope, key), for instance (mis_code, event_id), telling
 * exactly which rows were new. On PostgreSQL, where the table has a unique key on exactly those two
 * columns, the rows go in by COPY and one INSERT ... ON CONFLICT DO NOTHING RETURNING ({@link
 * PostgresCopyInsert}): the returned keys tell the duplicates and nothing is looked up first. Elsewhere
 * (and for a PostgreSQL table without that key) the portable way: look up only the keys this process
 * may have seen, then a plain batch INSERT under a savepoint; a key the table holds from before a
 * restart or from someone else makes the table refuse the batch, and then every key is looked up.
 */
public final class KeyedInsert {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedInsert.class);

    private final TableMapping mapping;
    private final List<String> fields;
    private final int scopeIndex;
    private final int keyIndex;
    private final int batchSize;
    private final SeenKeys seen = new SeenKeys();
    /** Decided on first use, from the connection: COPY where it applies. */
    private volatile PostgresCopyInsert copy;
    private volatile boolean decided;

    /**
     * @param fields     the canonical fields of a row, in the order the values are given
     * @param scopeField the canonical field that partitions the keys (mis_code)
     * @param keyField   the canonical field holding the key within the scope
     */
    public KeyedInsert(TableMapping mapping, List<String> fields, String scopeField, String keyField, int batchSize) {
        this.mapping = mapping;
        this.fields = List.copyOf(fields);
        this.scopeIndex = fields.indexOf(scopeField);
        this.keyIndex = fields.indexOf(keyField);
        this.batchSize = batchSize;
    }

    /**
     * @param connection a connection in a transaction (auto-commit off)
     * @param values     a row's canonical values in the order of the fields
     * @return the rows actually inserted, in their order; the others were staged already (or repeated in {@code rows})
     */
    public <R> List<R> insertNew(Connection connection, List<R> rows, Function<R, List<Object>> values) throws SQLException {
        // keyed by the values the table holds, so that a converted key is found again
        Map<String, Map<String, Row<R>>> byScope = new LinkedHashMap<>();
        for (R row : rows) {
            List<Object> v = values.apply(row);
            byScope.computeIfAbsent(text(scopeIndex, v), s -> new LinkedHashMap<>())
                    .putIfAbsent(text(keyIndex, v), new Row<>(row, v));
        }
        if (byScope.isEmpty()) {
            return List.of();
        }
        PostgresCopyInsert fast = copy(connection);
        if (fast != null) {
            List<Row<R>> all = new ArrayList<>();
            byScope.values().forEach(m -> all.addAll(m.values()));
            Set<String> inserted = fast.insert(connection, all.stream().map(Row::values).toList());
            List<R> stored = new ArrayList<>();
            for (Map.Entry<String, Map<String, Row<R>>> scope : byScope.entrySet()) {
                for (Map.Entry<String, Row<R>> row : scope.getValue().entrySet()) {
                    if (inserted.contains(PostgresCopyInsert.id(scope.getKey(), row.getKey()))) {
                        stored.add(row.getValue().row());
                    }
                }
            }
            return stored;
        }
        Savepoint beforeInsert = connection.setSavepoint();
        try {
            return insert(connection, byScope, existing(connection, byScope, true));
        } catch (SQLException e) {
            if (!KeyViolation.isKeyViolation(e)) {
                throw e;
            }
            connection.rollback(beforeInsert);
        }
        return insert(connection, byScope, existing(connection, byScope, false));
    }

    private String text(int index, List<Object> values) {
        return String.valueOf(mapping.value(fields.get(index), values.get(index)));
    }

    /** The COPY writer if this is PostgreSQL and the table's unique key is (scope, key); else null (said once). */
    private PostgresCopyInsert copy(Connection connection) throws SQLException {
        if (!decided) {
            synchronized (this) {
                if (!decided) {
                    copy = PostgresCopyInsert.applies(connection, mapping, fields, fields.get(scopeIndex), fields.get(keyIndex))
                            ? new PostgresCopyInsert(mapping, fields, fields.get(scopeIndex), fields.get(keyIndex)) : null;
                    if (copy == null && PostgresCopyInsert.isPostgres(connection)) {
                        LOG.info("{}: no unique key on ({}, {}), so its rows are staged the portable way (look up, then"
                                + " batch INSERT) instead of by COPY", mapping.table(), mapping.column(fields.get(scopeIndex)),
                                mapping.column(fields.get(keyIndex)));
                    }
                    decided = true;
                }
            }
        }
        return copy;
    }

    /** The keys of the batch the table holds already, per scope: of those maybe seen, or of all. */
    private <R> Map<String, Set<String>> existing(Connection connection, Map<String, Map<String, Row<R>>> byScope,
                                                  boolean onlyMaybeSeen) throws SQLException {
        Map<String, Set<String>> existing = new HashMap<>();
        for (Map.Entry<String, Map<String, Row<R>>> scope : byScope.entrySet()) {
            List<String> candidates = new ArrayList<>();
            for (String key : scope.getValue().keySet()) {
                if (!onlyMaybeSeen || seen.mightContain(scope.getKey() + "/" + key)) {
                    candidates.add(key);
                }
            }
            existing.put(scope.getKey(), candidates.isEmpty() ? Set.of() : ExistingKeys.find(connection, mapping.table(),
                    mapping.column(fields.get(scopeIndex)), scope.getKey(), mapping.column(fields.get(keyIndex)), candidates));
        }
        return existing;
    }

    private <R> List<R> insert(Connection connection, Map<String, Map<String, Row<R>>> byScope,
                               Map<String, Set<String>> existing) throws SQLException {
        List<R> inserted = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(mapping.insertSql(fields))) {
            int pending = 0;
            for (Map.Entry<String, Map<String, Row<R>>> scope : byScope.entrySet()) {
                Set<String> skip = existing.getOrDefault(scope.getKey(), Set.of());
                for (Map.Entry<String, Row<R>> row : scope.getValue().entrySet()) {
                    // seen from now on: written below, or found already there (a rolled-back write only costs a lookup)
                    seen.add(scope.getKey() + "/" + row.getKey());
                    if (skip.contains(row.getKey())) {
                        continue;
                    }
                    mapping.bind(insert, fields, row.getValue().values());
                    insert.addBatch();
                    inserted.add(row.getValue().row());
                    if (++pending == batchSize) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        return inserted;
    }

    private record Row<R>(R row, List<Object> values) {
    }
}
