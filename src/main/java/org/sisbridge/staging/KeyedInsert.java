package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.sisbridge.staging.dialect.CopyText;
import org.sisbridge.staging.dialect.PostgresCopyInsert;
import org.sisbridge.staging.mapping.TableMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Insert-if-absent of a batch of rows keyed by (scope, key), for instance (mis_code, event_id), telling
 * exactly which rows were new. On PostgreSQL, where the table has a unique key on exactly those two
 * columns, a batch none of whose keys the table holds (only the keys this process may have seen are
 * looked up) goes straight in by one COPY under a savepoint, and any other (or one the table refuses
 * after all) by COPY into a temporary table and one INSERT ... ON CONFLICT DO NOTHING RETURNING
 * ({@link PostgresCopyInsert}): the returned keys tell the duplicates. Elsewhere (and for a PostgreSQL
 * table without that key) the portable way: look up only the keys this process may have seen, then a
 * plain batch INSERT under a savepoint; a key the table holds from before a restart or from someone
 * else makes the table refuse the batch, and then every key is looked up. A batch whose insert opens
 * its transaction ({@link Prepared#openingItsTransaction}) needs no savepoint: the whole transaction is
 * rolled back instead.
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
        return insertNew(connection, prepare(rows, values));
    }

    /**
     * The part of an insert that needs no database: the rows grouped by key (the first copy of a key
     * kept) and, once this table is known to take COPY, the COPY text. A pipeline makes it on the
     * thread that reads and checks the rows, so the writer thread only talks to the database.
     */
    public <R> Prepared<R> prepare(List<R> rows, Function<R, List<Object>> values) {
        PostgresCopyInsert fast = decided ? copy : null;
        // keyed by the values the table holds, so that a converted key is found again; converted here unless
        // the rows go by COPY (whose text converts them), so that the writer thread only binds
        Map<String, Map<String, Row<R>>> byScope = new LinkedHashMap<>();
        for (R row : rows) {
            List<Object> v = values.apply(row);
            Object[] converted = fast == null ? mapping.converted(fields, v) : null;
            String scope = converted == null ? text(scopeIndex, v) : String.valueOf(converted[scopeIndex]);
            String key = converted == null ? text(keyIndex, v) : String.valueOf(converted[keyIndex]);
            Map<String, Row<R>> keys = byScope.computeIfAbsent(scope, s -> new LinkedHashMap<>());
            if (!keys.containsKey(key)) {
                keys.put(key, new Row<>(row, v, converted, SeenKeys.hash(scope + "/" + key)));
            }
        }
        return new Prepared<>(byScope, fast == null ? null : fast.text(values(byScope)), false);
    }

    /** A batch {@link #prepare}d for {@link #insertNew(Connection, Prepared)}. */
    public static final class Prepared<R> {
        private final Map<String, Map<String, Row<R>>> byScope;
        private final CopyText copyText;
        private final boolean opensTransaction;

        /** The {@link SeenKeys#hash}es of the batch's keys, sorted; made when first asked for. */
        private long[] keyHashes;

        private Prepared(Map<String, Map<String, Row<R>>> byScope, CopyText copyText, boolean opensTransaction) {
            this.byScope = byScope;
            this.copyText = copyText;
            this.opensTransaction = opensTransaction;
        }

        /**
         * Whether the two batches may carry the same key (a hash both share; rarely two keys that only
         * hash alike): two transactions in flight at once that insert the same key would wait for each
         * other's lock, so the later one inserts after the earlier one's insert instead.
         */
        public boolean mayShareKeysWith(Prepared<?> other) {
            long[] mine = keyHashes();
            long[] theirs = other.keyHashes();
            int i = 0;
            int j = 0;
            while (i < mine.length && j < theirs.length) {
                if (mine[i] == theirs[j]) {
                    return true;
                }
                if (mine[i] < theirs[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return false;
        }

        private synchronized long[] keyHashes() {
            if (keyHashes == null) {
                long[] hashes = byScope.values().stream().flatMap(rows -> rows.values().stream())
                        .mapToLong(Row::seenHash).toArray();
                Arrays.sort(hashes);
                keyHashes = hashes;
            }
            return keyHashes;
        }

        /**
         * The same batch, for an insert that is the first statement of its transaction (a page's or a
         * chunk's): a batch the table refuses then rolls the whole transaction back instead of to a
         * savepoint taken first, one round trip fewer a batch. Only the caller knows that nothing came
         * before in the transaction, so only it may say so.
         */
        public Prepared<R> openingItsTransaction() {
            return new Prepared<>(byScope, copyText, true);
        }
    }

    /** @return the rows of the batch actually inserted, in their order */
    public <R> List<R> insertNew(Connection connection, Prepared<R> batch) throws SQLException {
        Map<String, Map<String, Row<R>>> byScope = batch.byScope;
        if (byScope.isEmpty()) {
            return List.of();
        }
        PostgresCopyInsert fast = copy(connection);
        if (fast != null) {
            return insertByCopy(connection, fast, byScope,
                    batch.copyText != null ? batch.copyText : fast.text(values(byScope)), batch.opensTransaction);
        }
        Savepoint beforeInsert = batch.opensTransaction ? null : connection.setSavepoint();
        try {
            return insert(connection, byScope, existing(connection, byScope, true));
        } catch (SQLException e) {
            if (!KeyViolation.isKeyViolation(e)) {
                throw e;
            }
            rollBack(connection, beforeInsert);
        }
        return insert(connection, byScope, existing(connection, byScope, false));
    }

    /** To the savepoint, or (none taken: the insert opened the transaction) the whole transaction. */
    private static void rollBack(Connection connection, Savepoint savepoint) throws SQLException {
        if (savepoint == null) {
            connection.rollback();
        } else {
            connection.rollback(savepoint);
        }
    }

    /**
     * PostgreSQL: a batch whose keys are not in the table goes straight into it by one COPY (under a
     * savepoint unless it opens its transaction): the common case, a feed's new events or a new report.
     * Keys this process may have seen are looked up first, so that a key the filter only confuses with
     * another (one a chunk in a few at 300,000 keys) costs one indexed lookup, not the temporary table.
     * A key the table holds after all (staged before a restart, or by another process) fails that COPY;
     * then, as for a batch with keys found, the batch goes through the temporary table and ON CONFLICT
     * DO NOTHING, whose returned keys tell the new rows.
     */
    private <R> List<R> insertByCopy(Connection connection, PostgresCopyInsert fast, Map<String, Map<String, Row<R>>> byScope,
                                     CopyText text, boolean opensTransaction) throws SQLException {
        try {
            if (existing(connection, byScope, true).values().stream().allMatch(Set::isEmpty)) {
                Savepoint beforeCopy = opensTransaction ? null : connection.setSavepoint();
                try {
                    fast.copyAll(connection, text);
                    if (beforeCopy != null) {
                        connection.releaseSavepoint(beforeCopy);
                    }
                    List<R> stored = new ArrayList<>(text.rows());
                    byScope.values().forEach(rows -> rows.values().forEach(r -> stored.add(r.row())));
                    return stored;
                } catch (SQLException e) {
                    if (!KeyViolation.isKeyViolation(e)) {
                        throw e;
                    }
                    rollBack(connection, beforeCopy);
                }
            }
            Set<String> inserted = fast.insertAbsent(connection, text);
            List<R> stored = new ArrayList<>();
            for (Map.Entry<String, Map<String, Row<R>>> scope : byScope.entrySet()) {
                for (Map.Entry<String, Row<R>> row : scope.getValue().entrySet()) {
                    if (inserted.contains(PostgresCopyInsert.id(scope.getKey(), row.getKey()))) {
                        stored.add(row.getValue().row());
                    }
                }
            }
            return stored;
        } finally {
            // seen from now on: written, or found already there (a rolled-back write only costs the slower way once)
            byScope.values().forEach(rows -> rows.values().forEach(r -> seen.add(r.seenHash())));
        }
    }

    private static <R> List<List<Object>> values(Map<String, Map<String, Row<R>>> byScope) {
        List<List<Object>> values = new ArrayList<>();
        byScope.values().forEach(rows -> rows.values().forEach(r -> values.add(r.values())));
        return values;
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
            for (Map.Entry<String, Row<R>> row : scope.getValue().entrySet()) {
                if (!onlyMaybeSeen || seen.mightContain(row.getValue().seenHash())) {
                    candidates.add(row.getKey());
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
                    seen.add(row.getValue().seenHash());
                    if (skip.contains(row.getKey())) {
                        continue;
                    }
                    Row<R> r = row.getValue();
                    if (r.converted() != null) {
                        mapping.bindConverted(insert, fields, r.converted());
                    } else {
                        mapping.bind(insert, fields, r.values());
                    }
                    insert.addBatch();
                    inserted.add(r.row());
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

    /**
     * @param converted the values converted for the table's columns, or null where COPY text does that
     * @param seenHash  the {@link SeenKeys#hash} of the row's scope and key, made with the batch
     */
    private record Row<R>(R row, List<Object> values, Object[] converted, long seenHash) {
    }
}
