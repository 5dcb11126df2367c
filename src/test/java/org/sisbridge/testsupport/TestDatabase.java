package org.sisbridge.testsupport;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A fresh, empty staging database for one test. H2 here; the real servers (PostgreSQL, MariaDB)
 * plug in beside it with the same shape.
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    public static TestDatabase h2File(String label) {
        Path dir = Path.of(System.getProperty("sisbridge.home", ".")).resolve("target/test-db");
        String file = dir.resolve(label + "-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath().toString();
        return new TestDatabase("H2", "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
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
