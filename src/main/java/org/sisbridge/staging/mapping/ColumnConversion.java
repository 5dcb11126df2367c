package org.sisbridge.staging.mapping;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a canonical value becomes what a college's column holds: as it is, Y/N for a flag, upper
 * case, or a date/time written as text in the college's format. Declared per column in a mapping file.
 */
public sealed interface ColumnConversion {

    Object apply(Object value);

    /** Whether the column then holds text, whatever the canonical field's own kind. */
    boolean producesText();

    static ColumnConversion parse(String spec, String where) {
        if (spec == null || spec.isBlank() || spec.equals("none")) {
            return new AsIs();
        }
        if (spec.equals("yes-no")) {
            return new YesNo();
        }
        if (spec.equals("upper-case")) {
            return new UpperCase();
        }
        if (spec.startsWith("format:")) {
            try {
                return new DateTimeText(DateTimeFormatter.ofPattern(spec.substring("format:".length())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": '" + spec + "' is not a date/time pattern: " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(where + ": unknown conversion '" + spec
                + "' (known: none, yes-no, upper-case, format:<pattern> such as format:yyyy-MM-dd-HH.mm.ss)");
    }

    record AsIs() implements ColumnConversion {
        public Object apply(Object value) {
            if (value instanceof LocalDateTime t) {
                return timestamp(t);
            }
            if (value instanceof LocalDate d) {
                return java.sql.Date.valueOf(d);
            }
            return value;
        }

        /**
         * {@code Timestamp.valueOf(t)}; where the process runs in UTC (the agent's does, {@code ProcessTimeZone})
         * without valueOf's calendar arithmetic, the same value there: valueOf took a seventh of the events'
         * fetching thread, two timestamps a row (issue 17).
         */
        static Timestamp timestamp(LocalDateTime t) {
            String zone = java.util.TimeZone.getDefault().getID();
            return zone.equals("UTC") || zone.equals("Etc/UTC") || zone.equals("GMT")
                    ? Timestamp.from(t.toInstant(java.time.ZoneOffset.UTC)) : Timestamp.valueOf(t);
        }

        public boolean producesText() {
            return false;
        }
    }

    record YesNo() implements ColumnConversion {
        public Object apply(Object value) {
            return value == null ? null : (Boolean.TRUE.equals(value) ? "Y" : "N");
        }

        public boolean producesText() {
            return true;
        }
    }

    record UpperCase() implements ColumnConversion {
        public Object apply(Object value) {
            return value == null ? null : value.toString().toUpperCase(Locale.ROOT);
        }

        public boolean producesText() {
            return true;
        }
    }

    record DateTimeText(DateTimeFormatter format) implements ColumnConversion {
        public Object apply(Object value) {
            if (value instanceof LocalDateTime t) {
                return format.format(t);
            }
            if (value instanceof LocalDate d) {
                return format.format(d);
            }
            return value;
        }

        public boolean producesText() {
            return true;
        }
    }
}
