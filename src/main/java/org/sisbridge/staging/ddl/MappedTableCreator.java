package org.sisbridge.staging.ddl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.sisbridge.staging.DatabaseTable;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.staging.mapping.StagingMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code manage-schema=true} and a mapping, creates each mapped table the enabled flows need
 * and the database lacks, from {@link StagingDdl}. Runs after Flyway, which keeps owning the
 * generic tables (its history says what version they are at); a mapped table is the college's
 * layout, not a Flyway version, so it is created once when absent and never altered: a table that
 * exists is left as it is, and the schema check says what it lacks.
 */
public final class MappedTableCreator {

    private static final Logger LOG = LoggerFactory.getLogger(MappedTableCreator.class);

    private MappedTableCreator() {
    }

    /** @return the names of the tables created now */
    public static List<String> createMissing(DataSource dataSource, StagingMapping mapping, StagingDialect dialect,
                                             Predicate<String> needed) throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (StagingDdl.TableDdl table : StagingDdl.tables(mapping, dialect, needed)) {
                if (DatabaseTable.find(c, table.table()).isPresent()) {
                    continue;
                }
                for (String sql : table.statements()) {
                    s.execute(sql);
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                LOG.info("Created staging table {} (mapping {}, for {})", table.table(), mapping.layout(), table.canonical());
                created.add(table.table());
            }
        }
        return created;
    }
}
