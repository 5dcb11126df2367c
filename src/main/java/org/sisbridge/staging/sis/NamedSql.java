package org.sisbridge.staging.sis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A statement a college writes in its configuration (a source query, a write-back, an events hook),
 * with named parameters such as {@code :local_id}. The text is parsed once: every {@code :name}
 * becomes a JDBC {@code ?}, and values are only ever bound, never spliced into the SQL. Quoted text,
 * quoted identifiers, comments and PostgreSQL's {@code ::} casts are left alone.
 *
 * <p>A text that starts with {@code {call} or {@code CALL} is a stored-procedure call and is
 * prepared with {@link Connection#prepareCall}. Unknown parameter names are refused when the
 * configuration is read, naming the key, so a typo never reaches the database as a silent null.
 */
public final class NamedSql {

    private final String configKey;
    private final String original;
    private final String jdbc;
    private final List<String> names;
    private final boolean call;

    private NamedSql(String configKey, String original, String jdbc, List<String> names, boolean call) {
        this.configKey = configKey;
        this.original = original;
        this.jdbc = jdbc;
        this.names = names;
        this.call = call;
    }

    /**
     * @param allowed the parameter names this statement may use (lower case, without the colon)
     * @throws IllegalArgumentException naming {@code configKey}, for an empty text or an unknown name
     */
    public static NamedSql parse(String configKey, String sql, Set<String> allowed) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException(configKey + ": no SQL given");
        }
        String text = withoutLeadingComments(sql.strip());
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip(); // a JDBC statement takes no terminator
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException(configKey + ": no SQL given (only comments)");
        }
        StringBuilder out = new StringBuilder(text.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(text, i, c);
                out.append(text, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(text, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(text, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                out.append("::"); // a PostgreSQL cast
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isLetter(text.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String name = text.substring(i + 1, end).toLowerCase(Locale.ROOT);
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException(configKey + ": unknown parameter :" + name
                            + " (this statement may use " + String.join(", ", allowed.stream().sorted().map(a -> ":" + a).toList()) + ")");
                }
                names.add(name);
                out.append('?');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        String jdbc = out.toString();
        String head = jdbc.stripLeading().toLowerCase(Locale.ROOT);
        boolean call = head.startsWith("{call") || head.startsWith("{ call") || head.startsWith("call ");
        return new NamedSql(configKey, text, jdbc, Collections.unmodifiableList(names), call);
    }

    /** A file's heading comments go: they say nothing to the database, and a call must be seen as one. */
    private static String withoutLeadingComments(String text) {
        String rest = text;
        while (true) {
            if (rest.startsWith("--")) {
                int end = rest.indexOf('\n');
                rest = end < 0 ? "" : rest.substring(end + 1).strip();
            } else if (rest.startsWith("/*") && rest.indexOf("*/") > 0) {
                rest = rest.substring(rest.indexOf("*/") + 2).strip();
            } else {
                return rest;
            }
        }
    }

    private static int closing(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2; // a doubled quote inside the quoted text
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** Prepares the statement (a call for a stored procedure) and binds every named value. */
    public PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement statement = call ? connection.prepareCall(jdbc) : connection.prepareStatement(jdbc);
        try {
            bind(statement, values);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Binds the values by name; a name the map lacks binds SQL NULL. */
    public void bind(PreparedStatement statement, Map<String, ?> values) throws SQLException {
        for (int p = 0; p < names.size(); p++) {
            Object value = values.get(names.get(p));
            if (value == null) {
                statement.setNull(p + 1, java.sql.Types.VARCHAR);
            } else {
                statement.setObject(p + 1, value);
            }
        }
    }

    /** The parameter names in the order they appear (a name may appear more than once). */
    public List<String> parameters() {
        return names;
    }

    /** True for a stored-procedure call ({@code {call ...}} or {@code CALL ...}). */
    public boolean isCall() {
        return call;
    }

    /** The SQL sent to the driver, with {@code ?} in place of every name. */
    public String jdbcSql() {
        return jdbc;
    }

    /** The key the statement came from, for messages. */
    public String configKey() {
        return configKey;
    }

    @Override
    public String toString() {
        return configKey + ": " + original;
    }
}
