package org.sisbridge.staging.mapping;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's canonical fields in their order, for building one row's values by field name without a
 * map per row: a writer stages hundreds of thousands of rows, and a HashMap of seventeen entries per
 * row (then read back in order) was a visible share of its time.
 */
public final class FieldOrder {

    private static final Object UNSET = new Object();

    private final List<String> fields;
    private final Map<String, Integer> slots = new HashMap<>();

    public FieldOrder(List<String> fields) {
        this.fields = List.copyOf(fields);
        for (int i = 0; i < this.fields.size(); i++) {
            slots.put(this.fields.get(i), i);
        }
    }

    public Row row() {
        return new Row();
    }

    /** One row being filled; every field must get a value (null included) before {@link #values}. */
    public final class Row {
        private final Object[] values = new Object[fields.size()];

        private Row() {
            Arrays.fill(values, UNSET);
        }

        public Row put(String field, Object value) {
            Integer slot = slots.get(field);
            if (slot == null) {
                throw new IllegalArgumentException("no canonical field " + field + " in " + fields);
            }
            values[slot] = value;
            return this;
        }

        /** The values in field order. */
        public List<Object> values() {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == UNSET) {
                    throw new IllegalStateException("no value for canonical field " + fields.get(i));
                }
            }
            return Arrays.asList(values);
        }
    }
}
