package org.sisbridge.staging;

import java.util.regex.Pattern;

/**
 * Masks a password written inside a JDBC URL, wherever the URL is shown (check, run, migrate, the
 * log, an error message that quotes it): {@code ?password=} / {@code &password=} / SQL Server's
 * {@code ;password=} properties, {@code user:secret@host} user info, and Oracle's
 * {@code user/secret@host}. The password belongs in sisbridge.staging.password-env or
 * password-file; {@link #holdsPassword} lets check and run say so.
 */
public final class JdbcUrlMasking {

    static final String MASK = "****";

    /** password=, pwd= as a URL or connection property (any case), up to the next separator. */
    private static final Pattern PROPERTY = Pattern.compile("(?i)([?&;:]\\s*(?:password|pwd)\\s*=)[^&;#\\s]*");
    /** //user:secret@host (MySQL, MariaDB and other drivers' user info). */
    private static final Pattern USER_INFO = Pattern.compile("(jdbc:[^\\s]*?//[^/:@\\s?;]*):[^@/\\s]*@");
    /** jdbc:oracle:thin:user/secret@host. */
    private static final Pattern ORACLE = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:\\s]*)/[^@\\s]*@");

    private JdbcUrlMasking() {
    }

    /** @return the text with every JDBC URL password replaced by {@value #MASK}; null stays null */
    public static String mask(String text) {
        if (text == null || !text.toLowerCase(java.util.Locale.ROOT).contains("jdbc:")) {
            return text;
        }
        String masked = PROPERTY.matcher(text).replaceAll("$1" + MASK);
        masked = USER_INFO.matcher(masked).replaceAll("$1:" + MASK + "@");
        return ORACLE.matcher(masked).replaceAll("$1/" + MASK + "@");
    }

    /** True when the URL carries a password of its own (then check and run advise password-env / password-file). */
    public static boolean holdsPassword(String jdbcUrl) {
        return jdbcUrl != null && !mask(jdbcUrl).equals(jdbcUrl);
    }

    /** The advice check and run give when {@link #holdsPassword} is true. */
    public static String advice() {
        return "sisbridge.staging.jdbc-url holds a password (shown masked); move it to the environment variable named by"
                + " sisbridge.staging.password-env or to the file named by sisbridge.staging.password-file";
    }
}
