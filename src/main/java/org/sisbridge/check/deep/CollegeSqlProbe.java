package org.sisbridge.check.deep;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sisbridge.events.OnChangeHook;
import org.sisbridge.roster.RosterSourceQuery;
import org.sisbridge.roster.SisWriteBack;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.sis.ConfiguredSql;
import org.sisbridge.staging.sis.NamedSql;

/**
 * The statements the college wrote itself, each run once when its part is turned on: the roster
 * source query and the reconciliation query (one row read, and the columns the flow needs are there),
 * the write-back and the events hook (run with synthetic values whose keys begin with
 * {@link ProbeContext#MARK}, so they normally match no SIS row). They run in the deep check's one
 * transaction, which is rolled back: a statement or procedure that commits by itself would escape that,
 * which is why the samples say a procedure must not commit.
 */
final class CollegeSqlProbe {

    private static final String FLOW = "college SQL";

    private CollegeSqlProbe() {
    }

    static void run(ProbeContext p, AgentProperties config) {
        if (config.flag("sisbridge.roster.source.enabled")) {
            query(p, config, "sisbridge.roster.source", Set.of("mis_code"), RosterSourceQuery.COLUMNS, "mis_code");
        }
        if (config.flag("sisbridge.reconcile.enabled")) {
            query(p, config, "sisbridge.reconcile", Set.of("mis_code"), List.of("local_id", "ccc_id"), null);
        }
        if (config.flag("sisbridge.roster.write-back.enabled")) {
            Map<String, Object> values = new HashMap<>();
            values.put("mis_code", p.misCode());
            values.put("local_id", ProbeContext.MARK);
            values.put("ccc_id", ProbeContext.CCCID);
            values.put("outcome", "CREATED");
            values.put("matched_on", null);
            values.put("request_id", 0L);
            values.put("batch_id", ProbeContext.MARK + "-batch");
            statement(p, config, "sisbridge.roster.write-back", SisWriteBack.PARAMETERS, values);
        }
        if (config.flag("sisbridge.events.on-change.enabled")) {
            Map<String, Object> values = new HashMap<>();
            values.put("ccc_id", ProbeContext.CCCID);
            values.put("mis_code", p.misCode());
            values.put("event_id", ProbeContext.MARK);
            values.put("event_type", "IDME_STATUS_CHANGE");
            values.put("idme_status", "unverified");
            values.put("previous_idme_status", "verified");
            values.put("event_timestamp", p.now());
            values.put("idme_confirmation_timestamp", null);
            statement(p, config, "sisbridge.events.on-change", OnChangeHook.PARAMETERS, values);
        }
    }

    /** A query: parsed as the flow parses it, one row read, and every column the flow reads is there. */
    private static void query(ProbeContext p, AgentProperties config, String prefix, Set<String> allowed,
                              List<String> needed, String neededWhenUnbound) {
        NamedSql sql = parsed(p, config, prefix, allowed);
        if (sql == null) {
            return;
        }
        p.steps().run(FLOW, prefix + " (one row read, columns checked)", () -> {
            try (PreparedStatement statement = sql.prepare(p.connection(), Map.of("mis_code", p.misCode()))) {
                statement.setMaxRows(1);
                try (ResultSet rows = statement.executeQuery()) {
                    Set<String> returned = labels(rows.getMetaData());
                    List<String> missing = new ArrayList<>();
                    for (String column : needed) {
                        boolean boundInstead = column.equals(neededWhenUnbound) && sql.parameters().contains(column);
                        if (!boundInstead && !returned.contains(column)) {
                            missing.add(column);
                        }
                    }
                    if (!missing.isEmpty()) {
                        throw ProbeSteps.unexpected("the query returns no column " + String.join(", ", missing)
                                + " (it returns " + String.join(", ", returned) + ")");
                    }
                    rows.next();
                }
            }
            return true;
        });
    }

    /** A statement or procedure call, run once with synthetic values (rolled back with the rest). */
    private static void statement(ProbeContext p, AgentProperties config, String prefix, Set<String> allowed,
                                  Map<String, Object> values) {
        NamedSql sql = parsed(p, config, prefix, allowed);
        if (sql == null) {
            return;
        }
        p.steps().run(FLOW, prefix + (sql.isCall() ? " (procedure called" : " (statement run") + " with synthetic values)", () -> {
            try (PreparedStatement statement = sql.prepare(p.connection(), values)) {
                statement.execute();
            }
            return true;
        });
    }

    private static NamedSql parsed(ProbeContext p, AgentProperties config, String prefix, Set<String> allowed) {
        return p.steps().run(FLOW, prefix + " parsed", () -> ConfiguredSql.read(config, prefix, allowed));
    }

    private static Set<String> labels(ResultSetMetaData meta) throws SQLException {
        Set<String> labels = new TreeSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            labels.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return labels;
    }
}
