package org.sisbridge.staging;

import java.util.Locale;
import org.sisbridge.staging.dialect.H2Dialect;
import org.sisbridge.staging.dialect.MariaDbDialect;
import org.sisbridge.staging.dialect.OracleDialect;
import org.sisbridge.staging.dialect.PostgresDialect;
import org.sisbridge.staging.dialect.SqlServerDialect;
import org.sisbridge.staging.dialect.StagingDialect;

/**
 * The database products the agent stages into, recognised from the JDBC URL. Each names the
 * Flyway migration folder whose SQL fits it (MariaDB and MySQL share one).
 */
public enum StagingDatabase {
    H2("h2", new H2Dialect()),
    POSTGRESQL("postgresql", new PostgresDialect()),
    MARIADB("mysql", new MariaDbDialect()),
    SQLSERVER("sqlserver", new SqlServerDialect()),
    ORACLE("oracle", new OracleDialect());

    private final String migrationFolder;
    private final StagingDialect dialect;

    StagingDatabase(String migrationFolder, StagingDialect dialect) {
        this.migrationFolder = migrationFolder;
        this.dialect = dialect;
    }

    public StagingDialect dialect() {
        return dialect;
    }

    /**
     * The database named by {@code sisbridge.staging.database}: {@code auto} reads it from the JDBC
     * URL; a name forces it (a driver or proxy whose URL does not say, or H2 in a compatibility mode).
     */
    public static StagingDatabase fromSetting(String setting, String jdbcUrl) {
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("auto")) {
            return fromJdbcUrl(jdbcUrl);
        }
        for (StagingDatabase db : values()) {
            if (db.name().equalsIgnoreCase(setting.trim())) {
                return db;
            }
        }
        throw new IllegalArgumentException("sisbridge.staging.database must be auto, h2, postgresql, mariadb, sqlserver"
                + " or oracle, was '" + setting + "'");
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
        throw new IllegalArgumentException("sisbridge.staging.jdbc-url: unsupported database in '" + JdbcUrlMasking.mask(jdbcUrl)
                + "'; supported: H2, PostgreSQL, MariaDB/MySQL, SQL Server, Oracle");
    }
}
