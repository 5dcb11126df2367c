package org.sisbridge.staging.ddl;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import org.sisbridge.staging.mapping.ColumnConversion;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * One column of a college's table as the agent needs it: the canonical field's dictionary
 * declaration seen through the mapping (name, conversion). A {@code yes-no} column holds one
 * character, an upper-cased one the field's length, a {@code format:} one the longest text its
 * pattern writes; a constant column holds its value. Both the DDL and the schema check read this.
 *
 * @param field    the canonical field, or null for a constant column
 * @param kind     what the column holds after conversion: text, number, timestamp, date, boolean
 * @param length   the text length the DDL declares, or null (not text, or long text)
 * @param needed   the least text length that holds what the agent writes (what check asks for)
 * @param fraction what dropped fractional seconds would cost (timestamps only)
 * @param codePoints whether the length counts code points (declared per database, see lengthForCodePoints)
 */
public record TargetColumn(String field, String column, String kind, Integer length, Integer needed, boolean notNull,
                           String defaultValue, boolean identity, Fraction fraction, boolean codePoints) {

    /** Constant columns (PeopleSoft's OPRID is 30 characters) get at least this many characters. */
    static final int CONSTANT_MIN_LENGTH = 30;

    public enum Fraction { NONE, WARN, REQUIRED }

    /** Every column of a canonical table in the college's layout: its fields, then its constants. */
    public static List<TargetColumn> of(StagingDictionary.Table table, TableMapping mapping) {
        List<TargetColumn> columns = new ArrayList<>();
        for (StagingDictionary.Field f : table.fields().values()) {
            columns.add(of(table.name(), f, mapping));
        }
        mapping.constants().forEach((column, value) -> columns.add(new TargetColumn(null, column, "text",
                Math.max(CONSTANT_MIN_LENGTH, value.length()), value.length(), false, null, false, Fraction.NONE, false)));
        return columns;
    }

    private static TargetColumn of(String table, StagingDictionary.Field f, TableMapping mapping) {
        String column = mapping.column(f.name());
        TableMapping.ColumnMapping mapped = mapping.columns().get(f.name());
        ColumnConversion conversion = mapped == null ? new ColumnConversion.AsIs() : mapped.conversion();
        String kind = conversion.producesText() ? "text" : f.kind();
        Integer length = f.length();
        Integer needed = f.needed();
        if (conversion instanceof ColumnConversion.YesNo) {
            length = 1;
            needed = 1;
        } else if (conversion instanceof ColumnConversion.DateTimeText t) {
            length = longestText(t.format(), f.kind());
            needed = length;
        }
        String defaultValue = f.defaultValue();
        if ("now".equals(defaultValue) && !kind.equals("timestamp")) {
            defaultValue = null;  // a text timestamp has no portable "now" in the college's format
        } else if (defaultValue != null && kind.equals("text")) {
            defaultValue = String.valueOf(mapping.value(f.name(), defaultValue));
        }
        Fraction fraction = !kind.equals("timestamp") ? Fraction.NONE
                : StagingDictionary.MILLISECONDS_FROM_UPSTREAM.contains(table + "." + f.name()) ? Fraction.REQUIRED
                : StagingDictionary.STAMPED_BY_AGENT.contains(f.name()) ? Fraction.WARN : Fraction.NONE;
        boolean codePoints = kind.equals("text") && StagingDictionary.COUNTED_IN_CODE_POINTS.contains(table + "." + f.name());
        return new TargetColumn(f.name(), column, kind, length, needed, f.notNull(), defaultValue, f.identity(), fraction,
                codePoints);
    }

    /** The longest text a date/time pattern writes (month and day names vary): over a year's months and a week's days. */
    static int longestText(DateTimeFormatter format, String kind) {
        int longest = 0;
        for (int month = 1; month <= 12; month++) {
            for (int day = 20; day <= 26; day++) {
                LocalDateTime t = LocalDateTime.of(2026, month, day, 23, 59, 59, 999_999_999);
                TemporalAccessor value = kind.equals("date") ? t.toLocalDate() : t;
                longest = Math.max(longest, format.format(value).length());
            }
        }
        return longest;
    }

    /** How this column is described to a person: "text of at least 26 characters", "a date and time". */
    public String needs() {
        return switch (kind) {
            case "text" -> needed == null ? "text" : "text of at least " + needed + " characters";
            case "number" -> "a whole number";
            case "timestamp" -> "a date and time";
            case "date" -> "a date";
            case "boolean" -> "a true/false flag (BOOLEAN, BIT, NUMBER(1) or one character)";
            default -> kind;
        };
    }
}
