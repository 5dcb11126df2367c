package org.sisbridge.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.StagingDatabase;
import org.sisbridge.staging.ddl.AgentOwnTables;
import org.sisbridge.staging.ddl.StagingDdl;
import org.sisbridge.staging.mapping.MappingFile;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The staging layout a benchmark stages into: {@code generic}, the agent's own tables, made by Flyway
 * at start-up as the shipped configuration says; or a college's, {@code peoplesoft} or {@code banner}
 * (config/mappings/NAME.yaml). For a college's layout the benchmark does what its DBA does: creates
 * the layout's tables in the fresh database from the DDL {@code sisbridge migrate --print} prints for
 * it (the files under config/mappings/ddl are that DDL, ShippedDdlTest checks it; on H2, for which no
 * file ships, the same statements in H2's types), then runs the agent on them with
 * {@code sisbridge.staging.manage-schema=false}.
 */
public final class BenchmarkLayout {

    public static final List<String> NAMES = List.of("generic", "peoplesoft", "banner");

    private final String name;
    private final StagingMapping mapping;

    private BenchmarkLayout(String name, StagingMapping mapping) {
        this.name = name;
        this.mapping = mapping;
    }

    /** The layout of that name, its mapping read as the agent reads it from {@code home}'s configuration. */
    public static BenchmarkLayout of(String name, Path home) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("Unknown layout '" + name + "'; available: " + String.join(", ", NAMES));
        }
        // the configuration's values only (tables the mapping leaves unnamed keep their key's name), not checked whole:
        // the benchmark gives the agent its secrets itself
        DefaultCamelContext context = new DefaultCamelContext();
        try {
            AgentProperties config = new AgentProperties(new AgentConfiguration(home.toAbsolutePath().normalize(), null,
                    Map.of(MappingFile.KEY, name)).applyTo(context));
            return new BenchmarkLayout(name, MappingFile.load(config::text));
        } finally {
            context.stop();
        }
    }

    public String name() {
        return name;
    }

    public boolean isGeneric() {
        return name.equals("generic");
    }

    /**
     * The agent's sisbridge.staging.manage-schema: generic, the agent keeps its tables up to date itself (as shipped);
     * a college's layout, its DBA made them ({@link #prepare}) and the agent only checks them.
     */
    public boolean manageSchema() {
        return isGeneric();
    }

    /**
     * What a server database's name gets after the benchmark's own (sisbridge_bench_events_banner): a
     * college's layout is measured in a database of its own, so a generic run on the same server does not
     * drop it mid-run; nothing for the generic layout, whose databases keep their names.
     */
    String databaseSuffix() {
        return isGeneric() ? "" : "_" + name;
    }

    /** Where the layout puts a canonical table: its name, columns, conversions and constants. */
    public TableMapping table(String canonical) {
        return mapping.table(canonical);
    }

    /** A college's layout: its tables and indexes created in the fresh database, as its DBA would, before the agent starts. */
    void prepare(BenchmarkDatabase database) throws SQLException {
        if (isGeneric()) {
            return;
        }
        // every table, as the shipped DDL has them (every flow on, the agent's own tables too), whichever flow the benchmark runs
        StagingDatabase kind = StagingDatabase.fromJdbcUrl(database.jdbcUrl());
        List<StagingDdl.TableDdl> tables = new ArrayList<>(StagingDdl.tables(mapping, kind.dialect(), table -> true));
        tables.addAll(AgentOwnTables.ddl(kind));
        List<String> ddl = StagingDdl.statements(tables);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
        }
    }

    /** The rows the layout's table of {@code canonical} holds: what the pipeline staged. */
    long rows(DataSource dataSource, String canonical) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table(canonical).table())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** For the figures' heading: the layout, where its mapping and tables come from, and the table of {@code canonical}. */
    String describe(String canonical) {
        return isGeneric() ? "generic (" + table(canonical).table() + ", made by the agent's own migrations)"
                : name + " (config/mappings/" + name + ".yaml; " + table(canonical).table()
                        + ", made first from the layout's DDL, the agent on it with manage-schema=false)";
    }
}
