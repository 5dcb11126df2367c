package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sisbridge.staging.sis.NamedSql;

/**
 * The college's read-only query (or view) listing the students who lack a CCCID
 * ({@code sisbridge.roster.source.sql} or {@code .sql-file}). It runs once per MIS code: with
 * {@code :mis_code} bound when the text uses it, otherwise wrapped as
 * {@code SELECT * FROM (query) WHERE mis_code = ?}, so a query that returns a mis_code column is
 * filtered by the database. Its rows are streamed (fetch size; PostgreSQL only streams inside a
 * transaction) on a read-only connection whose transaction is rolled back at the end, so the query
 * can never change the SIS, whatever it says.
 */
public class RosterSourceQuery {

    static final String KEY = "sisbridge.roster.source.sql";
    /** The one parameter the query may use. */
    static final Set<String> PARAMETERS = Set.of("mis_code");
    /** The columns the query must return, found by name in any case. */
    public static final List<String> COLUMNS = List.of("mis_code", "local_id", "first_name", "middle_name", "last_name", "birth_date",
            "email", "phone", "postal_code");

    private final NamedSql sql;
    private final int fetchSize;
    private final int timeoutSeconds;

    RosterSourceQuery(NamedSql sql, int fetchSize, int timeoutSeconds) {
        this.sql = sql;
        this.fetchSize = fetchSize;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** @throws IllegalArgumentException naming the key, for an empty text or a parameter other than :mis_code */
    public static RosterSourceQuery parse(String text, int fetchSize, int timeoutSeconds) {
        return of(NamedSql.parse(KEY, text, PARAMETERS), fetchSize, timeoutSeconds);
    }

    /** The college's statement as {@code ConfiguredSql} read it, wrapped in a filter on mis_code when it binds none. */
    static RosterSourceQuery of(NamedSql parsed, int fetchSize, int timeoutSeconds) {
        if (!parsed.parameters().contains("mis_code") && !parsed.isCall()) {
            // with no parameter the JDBC text is the college's own; line breaks: a trailing -- comment in it must not
            // swallow the closing parenthesis
            parsed = NamedSql.parse(parsed.configKey(), "SELECT * FROM (\n" + parsed.jdbcSql() + "\n) sis_source WHERE mis_code = :mis_code",
                    PARAMETERS);
        }
        return new RosterSourceQuery(parsed, fetchSize, timeoutSeconds);
    }

    /** A query for an agent that has none configured: the flow is off, and a run says why it cannot work. */
    static RosterSourceQuery notConfigured() {
        return new RosterSourceQuery(null, 1, 1);
    }

    /** Runs the query for one college; close the rows to end its read-only transaction. */
    public Rows open(DataSource dataSource, String misCode) throws SQLException {
        if (sql == null) {
            throw new IllegalStateException("no source query is configured (sisbridge.roster.source.sql or sql-file)");
        }
        Connection c = dataSource.getConnection();
        try {
            // read-only before the transaction starts (PostgreSQL refuses it later), then the cursor's transaction
            c.setReadOnly(true);
            c.setAutoCommit(false);
            PreparedStatement ps = sql.prepare(c, Map.of("mis_code", misCode));
            ps.setFetchSize(fetchSize);
            ps.setQueryTimeout(timeoutSeconds);
            ResultSet rs = ps.executeQuery();
            return new Rows(c, ps, rs, misCode, positions(sql.configKey(), rs.getMetaData()));
        } catch (SQLException | RuntimeException e) {
            end(c);
            throw e;
        }
    }

    /** Each required column's position; a missing one fails the run with the names the query does return. */
    private static Map<String, Integer> positions(String configKey, ResultSetMetaData meta) throws SQLException {
        Map<String, Integer> found = new LinkedHashMap<>();
        List<String> returned = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            returned.add(label);
            found.putIfAbsent(label, i);
        }
        List<String> missing = COLUMNS.stream().filter(col -> !found.containsKey(col)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(configKey + ": the query returns no column " + String.join(", ", missing)
                    + " (it returns " + String.join(", ", returned) + "); name each with AS, e.g. ... AS postal_code");
        }
        Map<String, Integer> positions = new LinkedHashMap<>();
        COLUMNS.forEach(col -> positions.put(col, found.get(col)));
        return positions;
    }

    private static void end(Connection c) throws SQLException {
        try (c) {
            c.rollback();
        }
    }

    /** One row of the query: its number in this run, and the student as text. */
    public record SourceRow(long number, String misCode, RosterStudent student) {
    }

    /** The rows of one run, read one at a time. */
    public static final class Rows implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rs;
        private final String misCode;
        private final Map<String, Integer> at;
        private long number;

        private Rows(Connection connection, PreparedStatement statement, ResultSet rs, String misCode, Map<String, Integer> at) {
            this.connection = connection;
            this.statement = statement;
            this.rs = rs;
            this.misCode = misCode;
            this.at = at;
        }

        /** The next row of this college, or null after the last. */
        public SourceRow next() throws SQLException {
            while (rs.next()) {
                number++;
                String mis = UnicodeSpace.stripToNull(rs.getString(at.get("mis_code")));
                if (!misCode.equals(mis)) {
                    continue; // a stored procedure's rows of another college: that college's own run takes them
                }
                return new SourceRow(number, mis, new RosterStudent(0, text("local_id"), text("first_name"),
                        text("middle_name"), text("last_name"), date(rs.getObject(at.get("birth_date"))), text("email"),
                        text("phone"), text("postal_code")));
            }
            return null;
        }

        private String text(String column) throws SQLException {
            return rs.getString(at.get(column));
        }

        /** A DATE (or an Oracle DATE, read as a timestamp) as yyyy-MM-dd; text as the SIS holds it. */
        private static String date(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof java.sql.Date d) {
                return d.toLocalDate().toString();
            }
            if (value instanceof Timestamp t) {
                return t.toLocalDateTime().toLocalDate().toString();
            }
            if (value instanceof LocalDateTime t) {
                return t.toLocalDate().toString();
            }
            if (value instanceof LocalDate d) {
                return d.toString();
            }
            return value.toString();
        }

        @Override
        public void close() throws SQLException {
            try (connection) {
                try (statement; rs) {
                    // closed before the rollback: a streaming MariaDB result must end before the connection is used again
                }
                connection.rollback();
            }
        }
    }
}
