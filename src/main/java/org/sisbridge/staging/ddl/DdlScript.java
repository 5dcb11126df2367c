package org.sisbridge.staging.ddl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.sisbridge.staging.StagingDatabase;
import org.sisbridge.staging.mapping.StagingMapping;

/**
 * The DDL as {@code migrate --print} shows it: a heading that says for which database and mapping
 * and what to do with it, then the statements. Nothing in it depends on where the agent is
 * installed or on its version, so that the shipped files under config/mappings/ddl stay equal to it.
 */
public final class DdlScript {

    private DdlScript() {
    }

    public static String of(StagingMapping mapping, Path mappingFile, StagingDatabase database, Predicate<String> needed) {
        List<StagingDdl.TableDdl> tables = new ArrayList<>(StagingDdl.tables(mapping, database.dialect(), needed));
        // the agent's own tables always: `sisbridge reconcile` runs with its flow off, and a flow turned on
        // later should not need another DBA ticket
        tables.addAll(AgentOwnTables.ddl(database));
        return StagingDdl.script(List.of(
                "sisbridge staging tables for " + database.dialect().name() + ", mapping '" + mapping.layout() + "' ("
                        + mappingFile.getFileName() + ")",
                "Printed by: sisbridge migrate --print --database " + database.name().toLowerCase(Locale.ROOT),
                "Every table and index the enabled flows need, and the agent's own tables of the source query,",
                "reconciliation, the digest and the report listing (needed once one of them is turned on): "
                        + tables.size() + " table(s).",
                "Review it, run it as a user allowed to create tables, then run the agent with",
                "sisbridge.staging.manage-schema=false; `sisbridge check` says whether the tables fit.",
                "Text lengths follow the data dictionary; a column with a conversion (yes-no, upper-case,",
                "format:) holds the text the agent writes there. The keys are what exactly-once rests on."),
                tables);
    }
}
