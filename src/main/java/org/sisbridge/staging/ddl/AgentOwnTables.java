package org.sisbridge.staging.ddl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sisbridge.staging.StagingDatabase;

/**
 * The agent's own tables that no mapping renames or reshapes, each needed by one flow: the SIS source
 * query's (V7), reconciliation's (V9), the daily digest's (V10) and the report listing's offers (V11).
 * {@code migrate --print} showed only the mapped tables, so a DBA who created the schema from it had
 * none of these, and the flow failed on its first statement. Their DDL is the migration's own, read
 * from the database's migration folder, so what a DBA runs is what Flyway runs.
 */
public final class AgentOwnTables {

    /** One own table: its name, the switch of the flow that needs it, the migration that creates it. */
    public record OwnTable(String table, String flowSwitch, String migration) {
    }

    public static final List<OwnTable> TABLES = List.of(
            new OwnTable("cccid_source_student", "sisbridge.roster.source.enabled", "V7__roster_source.sql"),
            new OwnTable("sisbridge_reconcile_run", "sisbridge.reconcile.enabled", "V9__reconcile.sql"),
            new OwnTable("cccid_reconcile", "sisbridge.reconcile.enabled", "V9__reconcile.sql"),
            new OwnTable("sisbridge_digest", "sisbridge.digest.enabled", "V10__digest.sql"),
            new OwnTable("sisbridge_report_offer", "sisbridge.reports.enabled", "V11__report_offer.sql"));

    private AgentOwnTables() {
    }

    /** @return the flow switch that needs this own table, or null for a table that is not one */
    public static String flowSwitch(String table) {
        return TABLES.stream().filter(t -> t.table().equals(table)).map(OwnTable::flowSwitch).findFirst().orElse(null);
    }

    /**
     * The CREATE TABLE and CREATE INDEX statements of each own table, as the migration for this
     * database has them (comments left out). A migration's statement on another table (V7's index on
     * the outbox, which a mapping may rename) is not taken: the data dictionary declares it instead.
     */
    public static List<StagingDdl.TableDdl> ddl(StagingDatabase database) {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (OwnTable own : TABLES) {
            byTable.put(own.table(), new ArrayList<>());
        }
        for (String migration : TABLES.stream().map(OwnTable::migration).distinct().toList()) {
            for (String statement : statements(database, migration)) {
                String table = target(statement);
                if (table != null && byTable.containsKey(table)) {
                    byTable.get(table).add(statement);
                }
            }
        }
        List<StagingDdl.TableDdl> tables = new ArrayList<>();
        byTable.forEach((table, statements) -> {
            if (statements.isEmpty()) {
                throw new IllegalStateException("no CREATE TABLE " + table + " in " + database.migrationLocation());
            }
            tables.add(new StagingDdl.TableDdl(table, table, statements));
        });
        return tables;
    }

    /** The table a CREATE TABLE or CREATE INDEX ... ON statement is about, in lower case; else null. */
    static String target(String statement) {
        String[] words = statement.trim().split("\\s+");
        if (words.length < 3 || !words[0].equalsIgnoreCase("CREATE")) {
            return null;
        }
        if (words[1].equalsIgnoreCase("TABLE")) {
            return bare(words[2]);
        }
        for (int i = 1; i + 1 < words.length; i++) {
            if (words[i].equalsIgnoreCase("ON")) {
                return bare(words[i + 1]);
            }
        }
        return null;
    }

    private static String bare(String name) {
        int paren = name.indexOf('(');
        return (paren < 0 ? name : name.substring(0, paren)).toLowerCase(Locale.ROOT);
    }

    /** The migration's statements without comment lines or terminators. */
    static List<String> statements(StagingDatabase database, String migration) {
        String resource = database.migrationLocation().substring("classpath:".length()) + "/" + migration;
        String sql;
        try (InputStream in = AgentOwnTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " is not on the class path");
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder code = new StringBuilder();
        sql.lines().filter(line -> !line.trim().startsWith("--")).forEach(line -> code.append(line).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }
}
