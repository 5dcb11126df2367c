package org.sisbridge.staging;

import java.util.Locale;

/**
 * The database products the agent stages into, recognised from the JDBC URL. Each names the
 * Flyway migration folder whose SQL fits it (MariaDB and MySQL share one).
 */
public enum StagingDatabase {
    H2("h2"),
    POSTGRESQL("postgresql"),
    MARIADB("mysql"),
    SQLSERVER("sqlserver"),
    ORACLE("oracle");

    private final String migrationFolder;

    StagingDatabase(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    public static StagingDatabase fromJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        } else if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        } else if (url.startsWith("jdbc:sqlserver:")) {
            return SQLSERVER;
        } else if (url.startsWith("jdbc:oracle:")) {
            return ORACLE;
        }
        throw new IllegalArgumentException("sisbridge.staging.jdbc-url: unsupported database in '" + jdbcUrl
                + "'; supported: H2, PostgreSQL, MariaDB/MySQL, SQL Server, Oracle");
    }
}
