package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.sisbridge.staging.ddl.AgentOwnTables;
import org.sisbridge.staging.ddl.StagingDictionary;
import org.sisbridge.staging.ddl.TargetColumn;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * For a college that manages its own staging tables ({@code sisbridge.staging.manage-schema=false}):
 * checks that every table the agent writes has every column it needs, of a type and length that
 * holds what the agent writes there (the data dictionary's lengths, seen through the mapping's
 * conversions), with the fractional seconds it writes, and with the unique keys exactly-once rests
 * on. Lists in plain words what is wrong: the type the column has and what it needs.
 */
public final class StagingSchemaCheck {

    /** What is wrong (the agent would fail or lose data) and what is doubtful (it works, with less). */
    public record Findings(List<String> errors, List<String> warnings) {
    }

    private StagingSchemaCheck() {
    }

    /**
     * @param mapping where each canonical table and field goes in this college's layout
     * @param needed  whether a canonical table is needed (its flow may be turned off)
     * @return one sentence per problem; empty when the database has everything
     */
    public static List<String> problems(DataSource dataSource, StagingMapping mapping, Predicate<String> needed)
            throws SQLException {
        return findings(dataSource, mapping, needed).errors();
    }

    public static Findings findings(DataSource dataSource, StagingMapping mapping, Predicate<String> needed)
            throws SQLException {
        Findings findings = new Findings(new ArrayList<>(), new ArrayList<>());
        try (Connection c = dataSource.getConnection()) {
            for (String canonical : CanonicalLayout.tables().keySet()) {
                if (needed.test(canonical)) {
                    check(c, StagingDictionary.table(canonical), mapping.table(canonical), findings);
                }
            }
        }
        return findings;
    }

    /**
     * {@link #findings}, and whether each needed table of the agent's own (the source query's,
     * reconciliation's, the digest's: {@link AgentOwnTables}) exists, as migrate --print shows them.
     */
    public static Findings withOwnTables(DataSource dataSource, StagingMapping mapping, Predicate<String> needed)
            throws SQLException {
        Findings findings = findings(dataSource, mapping, needed);
        try (Connection c = dataSource.getConnection()) {
            for (AgentOwnTables.OwnTable own : AgentOwnTables.TABLES) {
                if (needed.test(own.table()) && DatabaseTable.find(c, own.table()).isEmpty()) {
                    findings.errors().add("table " + own.table() + " (needed with " + own.flowSwitch() + "=true) does not"
                            + " exist or has no columns this user can see");
                }
            }
        }
        return findings;
    }

    private static void check(Connection c, StagingDictionary.Table declared, TableMapping target, Findings findings)
            throws SQLException {
        Optional<DatabaseTable> found = DatabaseTable.find(c, target.table());
        if (found.isEmpty()) {
            findings.errors().add("table " + target.table() + " (" + CanonicalLayout.TABLE_KEYS.get(declared.name())
                    + ") does not exist or has no columns this user can see");
            return;
        }
        DatabaseTable table = found.get();
        for (TargetColumn needed : TargetColumn.of(declared, target)) {
            Optional<DatabaseTable.DatabaseColumn> actual = table.column(needed.column());
            if (actual.isEmpty()) {
                findings.errors().add("table " + target.table() + " has no column " + needed.column() + " (" + needed.kind() + ")");
            } else {
                column(target.table(), needed, actual.get(), findings);
            }
        }
        keys(c, declared, target, table, findings.errors());
    }

    private static void column(String table, TargetColumn needed, DatabaseTable.DatabaseColumn actual, Findings findings) {
        String where = "column " + table + "." + needed.column() + " is " + actual.described();
        if (!usable(needed.kind(), actual.jdbcType())) {
            findings.errors().add(where + ", needs " + needed.needs());
        } else if (needed.kind().equals("text") && needed.needed() != null && bounded(actual) && actual.size() < needed.needed()) {
            findings.errors().add(where + ", needs " + needed.needs());
        } else if (needed.kind().equals("timestamp") && actual.jdbcType() == Types.TIMESTAMP && actual.fraction() < 3) {
            if (needed.fraction() == TargetColumn.Fraction.REQUIRED) {
                findings.errors().add(where + ", which keeps whole seconds: the upstream sends milliseconds;"
                        + " needs a date and time with fractional seconds (such as DATETIME(3) or TIMESTAMP(3))");
            } else if (needed.fraction() == TargetColumn.Fraction.WARN) {
                findings.warnings().add(where + ", which keeps whole seconds: the agent's own times lose their"
                        + " milliseconds (the order of the latest rows may tie); DATETIME(3) or TIMESTAMP(3) keeps them");
            }
        }
    }

    /** Every key the agent relies on must be a primary key or unique index of exactly those columns. */
    private static void keys(Connection c, StagingDictionary.Table declared, TableMapping target, DatabaseTable table,
                             List<String> errors) throws SQLException {
        List<Set<String>> present = null;
        for (List<String> key : declared.keys()) {
            List<String> columns = key.stream().map(target::column).toList();
            if (columns.stream().anyMatch(col -> table.column(col).isEmpty())) {
                continue;   // already named as a missing column
            }
            if (present == null) {
                present = table.uniqueKeys(c);
            }
            Set<String> wanted = columns.stream().map(col -> col.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (!present.contains(wanted)) {
                errors.add("table " + target.table() + " has no unique key on (" + String.join(", ", columns)
                        + "): the agent relies on it to store each record exactly once; add PRIMARY KEY or UNIQUE ("
                        + String.join(", ", columns) + ")" + (present.isEmpty() ? ""
                        : " (its unique keys: " + present.stream().map(k -> "(" + String.join(", ", k) + ")")
                        .collect(Collectors.joining(", ")) + ")"));
            }
        }
    }

    private static boolean bounded(DatabaseTable.DatabaseColumn actual) {
        int t = actual.jdbcType();
        return (t == Types.VARCHAR || t == Types.NVARCHAR || t == Types.CHAR || t == Types.NCHAR)
                && actual.size() > 0 && actual.size() < Integer.MAX_VALUE;
    }

    private static boolean usable(String kind, int type) {
        return switch (kind) {
            case "text" -> type == Types.VARCHAR || type == Types.NVARCHAR || type == Types.CHAR || type == Types.NCHAR
                    || type == Types.CLOB || type == Types.NCLOB || type == Types.LONGVARCHAR || type == Types.LONGNVARCHAR;
            case "number" -> type == Types.BIGINT || type == Types.INTEGER || type == Types.NUMERIC || type == Types.DECIMAL
                    || type == Types.SMALLINT;
            case "timestamp" -> type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
            case "date" -> type == Types.DATE || type == Types.TIMESTAMP;
            case "boolean" -> type == Types.BOOLEAN || type == Types.BIT || type == Types.TINYINT || type == Types.SMALLINT
                    || type == Types.NUMERIC || type == Types.DECIMAL || type == Types.CHAR;
            default -> false;
        };
    }
}
