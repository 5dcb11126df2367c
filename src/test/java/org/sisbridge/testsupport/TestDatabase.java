package org.sisbridge.testsupport;

import java.nio.file.Path;
import java.util.UUID;
import org.sisbridge.staging.StagingDatabase;

/**
 * A fresh, empty staging database for one test. H2 here; the real servers (PostgreSQL, MariaDB)
 * plug in beside it with the same shape.
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password, StagingDatabase kind) {

    public TestDatabase(String name, String jdbcUrl, String user, String password) {
        this(name, jdbcUrl, user, password, StagingDatabase.fromJdbcUrl(jdbcUrl));
    }

    public static TestDatabase h2File(String label) {
        return new TestDatabase("H2", "jdbc:h2:file:" + h2Path(label) + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    /** H2 in another database's compatibility mode, treated by the agent as that database. */
    public static TestDatabase h2Compatible(String label, StagingDatabase as, String mode) {
        return new TestDatabase(as + " (H2 MODE=" + mode + ")",
                "jdbc:h2:file:" + h2Path(label) + ";MODE=" + mode + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", as);
    }

    private static String h2Path(String label) {
        Path dir = Path.of(System.getProperty("sisbridge.home", ".")).resolve("target/test-db");
        return dir.resolve(label + "-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath().toString();
    }

    /** The dialect the agent uses on this database (H2's SQL Server mode cannot parse HOLDLOCK). */
    public org.sisbridge.staging.dialect.StagingDialect dialect() {
        return kind == StagingDatabase.SQLSERVER && jdbcUrl.startsWith("jdbc:h2:")
                ? new H2SqlServerModeDialect() : kind.dialect();
    }

    public StagingQueries queries() {
        return new StagingQueries(jdbcUrl, user, password);
    }

    /** A plain, unpooled data source on this database, for beans a test builds itself. */
    public javax.sql.DataSource dataSource() {
        return new DriverManagerDataSource(jdbcUrl, user, password);
    }

    @Override
    public String toString() {
        return name;
    }
}
