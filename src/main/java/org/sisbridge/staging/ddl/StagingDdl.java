package org.sisbridge.staging.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The CREATE TABLE and CREATE INDEX statements of every table the enabled flows need, under the
 * college's mapping and in its database's types: what {@code migrate --print} shows a DBA, and what
 * {@code migrate} runs for a mapped table that does not exist yet. Built from the data dictionary
 * ({@link StagingDictionary}) seen through the mapping ({@link TargetColumn}).
 */
public final class StagingDdl {

    /** Oracle before 12.2 allows 30 characters in a name; constraint and index names stay within that. */
    private static final int MAX_NAME = 30;

    /** The statements of one table (without terminators), in the order they run. */
    public record TableDdl(String canonical, String table, List<String> statements) {
    }

    private StagingDdl() {
    }

    public static List<TableDdl> tables(StagingMapping mapping, StagingDialect dialect, Predicate<String> needed) {
        List<TableDdl> tables = new ArrayList<>();
        for (String canonical : CanonicalLayout.tables().keySet()) {
            if (needed.test(canonical)) {
                tables.add(table(StagingDictionary.table(canonical), mapping.table(canonical), dialect));
            }
        }
        return tables;
    }

    /** The statements as a script a person reads and runs: a heading, then each statement ended by a semicolon. */
    public static String script(List<String> heading, List<TableDdl> tables) {
        StringBuilder out = new StringBuilder();
        heading.forEach(line -> out.append("-- ").append(line).append('\n'));
        for (TableDdl table : tables) {
            out.append('\n');
            table.statements().forEach(s -> out.append(s).append(";\n"));
        }
        return out.toString();
    }

    static TableDdl table(StagingDictionary.Table declared, TableMapping mapping, StagingDialect dialect) {
        String table = mapping.table();
        List<TargetColumn> columns = TargetColumn.of(declared, mapping);
        int width = columns.stream().mapToInt(c -> c.column().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (TargetColumn c : columns) {
            lines.add(String.format("    %-" + width + "s %s", c.column(), definition(c, dialect)));
        }
        lines.add("    CONSTRAINT " + name("pk", table, 0) + " PRIMARY KEY (" + mapped(mapping, declared.primaryKey()) + ")");
        int n = 0;
        for (List<String> unique : declared.uniqueKeys()) {
            lines.add("    CONSTRAINT " + name("uq", table, ++n) + " UNIQUE (" + mapped(mapping, unique) + ")");
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + table + " (\n" + String.join(",\n", lines) + "\n)" + dialect.tableOptions());
        n = 0;
        for (List<String> index : declared.indexes()) {
            statements.add("CREATE INDEX " + name("ix", table, ++n) + " ON " + table + " (" + mapped(mapping, index) + ")");
        }
        return new TableDdl(declared.name(), table, statements);
    }

    private static String definition(TargetColumn c, StagingDialect dialect) {
        String type = switch (c.kind()) {
            case "text" -> c.length() == null ? dialect.longTextType()
                    : dialect.textType(c.codePoints() ? dialect.lengthForCodePoints(c.length()) : c.length());
            case "number" -> dialect.countType();
            case "timestamp" -> dialect.timestampType();
            case "date" -> "DATE";
            case "boolean" -> dialect.booleanType();
            default -> throw new IllegalStateException("no SQL type for kind " + c.kind());
        };
        StringBuilder sql = new StringBuilder(type);
        if (c.identity()) {
            sql.append(' ').append(dialect.identityClause());
        }
        if (c.defaultValue() != null) {
            sql.append(" DEFAULT ").append(literal(c, dialect));
        }
        if (c.notNull()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    private static String literal(TargetColumn c, StagingDialect dialect) {
        return switch (c.kind()) {
            case "timestamp" -> dialect.currentTimestamp();
            case "number" -> Long.toString(Long.parseLong(c.defaultValue()));
            default -> "'" + c.defaultValue().replace("'", "''") + "'";
        };
    }

    private static String mapped(TableMapping mapping, List<String> fields) {
        return fields.stream().map(mapping::column).collect(Collectors.joining(", "));
    }

    /** pk_table, uq_table_1, ix_table_2: in the table name's case, cut to fit the shortest name limit. */
    static String name(String kind, String table, int n) {
        String bare = table.substring(table.indexOf('.') + 1);
        boolean upper = bare.equals(bare.toUpperCase(Locale.ROOT));
        String prefix = (upper ? kind.toUpperCase(Locale.ROOT) : kind) + "_";
        String suffix = n == 0 ? "" : "_" + n;
        String middle = bare.substring(0, Math.min(bare.length(), MAX_NAME - prefix.length() - suffix.length()));
        return prefix + middle + suffix;
    }

    /** The tables' statements for a database connection: no terminators, one statement each. */
    public static List<String> statements(List<TableDdl> tables) {
        return tables.stream().flatMap(t -> t.statements().stream()).toList();
    }

}
