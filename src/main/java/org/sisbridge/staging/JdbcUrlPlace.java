package org.sisbridge.staging;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JDBC URL points, in the words of the start-up line: the host (and port) and the database,
 * nothing else. Connection properties are left out, not masked, so that no password, token or
 * other setting written in the URL reaches the log.
 */
public final class JdbcUrlPlace {

    /** //[user[:secret]@]host[:port][,host2...][/database] of PostgreSQL, MariaDB/MySQL, SQL Server, H2 tcp. */
    private static final Pattern NETWORK = Pattern.compile("//(?:[^@/?;]*@)?([^/?;]+)(?:/([^?;]*))?");
    private static final Pattern SQLSERVER_DATABASE = Pattern.compile("(?i);\\s*(?:databaseName|database)\\s*=\\s*([^;]+)");

    private JdbcUrlPlace() {
    }

    /** e.g. "postgresql on sis-db.example.edu:5432, database staging"; "h2 file /opt/sisbridge/data/sisbridge". */
    public static String of(StagingDatabase database, String jdbcUrl) {
        String kind = database.name().toLowerCase(Locale.ROOT);
        String url = jdbcUrl.trim();
        if (database == StagingDatabase.H2 && !url.contains("//")) {
            // jdbc:h2:file:/path;OPTIONS, jdbc:h2:mem:name, jdbc:h2:/path
            String rest = url.substring("jdbc:h2:".length()).split(";", 2)[0];
            return kind + " " + (rest.startsWith("mem:") ? "in memory " + rest.substring(4)
                    : "file " + (rest.startsWith("file:") ? rest.substring(5) : rest));
        }
        if (database == StagingDatabase.ORACLE) {
            // jdbc:oracle:thin:[user/secret]@//host:port/service or @host:port:sid or @(DESCRIPTION=...)
            int at = url.lastIndexOf('@');
            String target = at < 0 ? "" : url.substring(at + 1);
            return kind + " at " + (target.startsWith("//") ? target.substring(2) : target).split("\\?", 2)[0];
        }
        Matcher m = NETWORK.matcher(url);
        if (!m.find()) {
            return kind;
        }
        String name = m.group(2);
        Matcher sqlServer = SQLSERVER_DATABASE.matcher(url);
        if ((name == null || name.isEmpty()) && sqlServer.find()) {
            name = sqlServer.group(1).trim();
        }
        return kind + " on " + m.group(1) + (name == null || name.isEmpty() ? "" : ", database " + name);
    }
}
