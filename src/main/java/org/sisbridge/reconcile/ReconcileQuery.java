package org.sisbridge.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.sisbridge.staging.sis.NamedSql;

/**
 * The college's reconcile query (sisbridge.reconcile.sql): its students WITH the CCCID the SIS holds,
 * columns local_id, ccc_id, first_name, middle_name, last_name, birth_date, email, phone, postal_code
 * (by label, any order; all but local_id and ccc_id may be missing), optionally filtered with
 * {@code :mis_code}.
 *
 * <p>It is read in pages of sisbridge.reconcile.read-page-size students by local_id (keyset: the query is wrapped
 * as {@code SELECT * FROM (query) WHERE local_id >= ? ORDER BY local_id}, the driver's max rows the page size),
 * each page read to its end and its statement closed before one of its students goes upstream. A result set
 * held open across the upstream calls is what a slow upstream breaks: MariaDB aborts a result set the client
 * leaves unread longer than net_write_timeout, PostgreSQL ends a session idle in its transaction longer than
 * idle_in_transaction_session_timeout. A page starts at the last page's last local_id, included, and leaves out
 * the rows of the local ids that page already gave, so rows a case- or accent-insensitive collation holds equal
 * are not lost at a page's edge. Rows without a local_id are not read (nothing to key them by). A stored
 * procedure call cannot be wrapped: it is read as one stream, as before.
 */
public final class ReconcileQuery {

    static final Set<String> PARAMETERS = Set.of("mis_code");
    private static final int FETCH_SIZE = 500;
    private static final Pattern ORDER_BY = Pattern.compile("(?i)order\\s+by\\b");
    /** What after an ORDER BY makes it choose rows, not only order them. */
    private static final Pattern ROW_LIMIT = Pattern.compile("(?i)\\b(limit|offset|fetch|for|top|rows)\\b");

    private final NamedSql sql;
    private final int pageSize;

    /** @param pageSize sisbridge.reconcile.read-page-size: the students one read of the query holds at most */
    public ReconcileQuery(NamedSql sql, int pageSize) {
        this.sql = sql;
        this.pageSize = pageSize;
    }

    public static ReconcileQuery parse(String configKey, String text, int pageSize) {
        return new ReconcileQuery(NamedSql.parse(configKey, text, PARAMETERS), pageSize);
    }

    /** Receives the students one by one; returning false stops the read. */
    @FunctionalInterface
    public interface Rows {
        boolean accept(SisStudent student) throws Exception;
    }

    /** One row as read: its local_id as the database holds it (the page key) and the student. */
    private record Keyed(String key, SisStudent student) {
    }

    /** Reads the query's rows for one college into {@code rows}, a page at a time, each page on a connection of its own. */
    public void stream(DataSource dataSource, String misCode, Rows rows) throws Exception {
        if (sql.isCall()) {
            try (Connection c = dataSource.getConnection()) {
                streamWhole(c, misCode, rows);
            }
            return;
        }
        String after = null;
        Set<String> lastPageKeys = Set.of();
        boolean inclusive = true;
        while (true) {
            List<Keyed> page;
            try (Connection c = dataSource.getConnection()) {
                page = page(c, misCode, after, inclusive);
            }
            Set<String> keys = new HashSet<>();
            for (Keyed row : page) {
                keys.add(row.key());
                // the rows of a local id the last page gave (its edge, read again by the >=) count once
                if (!lastPageKeys.contains(row.key()) && !rows.accept(row.student())) {
                    return;
                }
            }
            if (page.size() < pageSize) {
                return;
            }
            String last = page.get(page.size() - 1).key();
            // a whole page of one local id: the next starts after it (more than a page of rows of one student is not one student)
            inclusive = !(last.equals(after) && lastPageKeys.containsAll(keys));
            after = last;
            lastPageKeys = keys;
        }
    }

    private List<Keyed> page(Connection c, String misCode, String after, boolean inclusive) throws Exception {
        String text = pageSql(sql.jdbcSql(), after == null ? "IS NOT NULL" : inclusive ? ">= ?" : "> ?");
        List<Keyed> page = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(text)) {
            sql.bind(ps, Map.of("mis_code", misCode));
            if (after != null) {
                ps.setString(sql.parameters().size() + 1, after);
            }
            ps.setMaxRows(pageSize);
            ps.setFetchSize(Math.min(FETCH_SIZE, pageSize));
            read(ps, row -> page.add(row));
        }
        return page;
    }

    /**
     * One page's statement: the query as a derived table, filtered and ordered by local_id. A final ORDER BY of the
     * query itself is left out: the page orders by local_id anyway, and SQL Server refuses an ORDER BY in a derived
     * table (without TOP, OFFSET or FOR XML), which the shipped samples and the key's comment asked colleges to write.
     */
    static String pageSql(String query, String condition) {
        return "SELECT * FROM (\n" + withoutFinalOrderBy(query) + "\n) reconcile_page WHERE reconcile_page.local_id " + condition
                + " ORDER BY reconcile_page.local_id";
    }

    /**
     * The query without its final top-level ORDER BY clause; as it is when there is none, or when the clause carries a
     * parameter or a row limit after it (LIMIT, OFFSET, FETCH, FOR ...: the order then decides which rows come, so it stays).
     */
    static String withoutFinalOrderBy(String query) {
        int orderBy = -1;
        int depth = 0;
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = query.indexOf(c, i + 1);
                while (end > 0 && end + 1 < n && query.charAt(end + 1) == c) {
                    end = query.indexOf(c, end + 2); // a doubled quote inside the quoted text
                }
                i = end < 0 ? n : end + 1;
            } else if (c == '-' && i + 1 < n && query.charAt(i + 1) == '-') {
                int end = query.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && query.charAt(i + 1) == '*') {
                int end = query.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (depth == 0 && (c == 'o' || c == 'O') && ORDER_BY.matcher(query).region(i, n).lookingAt()
                    && (i == 0 || !Character.isLetterOrDigit(query.charAt(i - 1)) && query.charAt(i - 1) != '_')) {
                orderBy = i;
                i += 5;
            } else {
                i++;
            }
        }
        if (orderBy < 0) {
            return query;
        }
        String tail = query.substring(orderBy);
        return tail.contains("?") || ROW_LIMIT.matcher(tail).find() ? query : query.substring(0, orderBy).stripTrailing();
    }

    /** A stored procedure's result, read as one stream (a call cannot be wrapped in a page's SELECT). */
    private void streamWhole(Connection c, String misCode, Rows rows) throws Exception {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        boolean autoCommit = c.getAutoCommit();
        if (product.contains("postgres")) {
            c.setAutoCommit(false); // its driver only streams inside a transaction
        }
        try (PreparedStatement ps = sql.prepare(c, Map.of("mis_code", misCode))) {
            // a positive fetch size streams on every driver shipped (MariaDB Connector/J 3 too, which refuses Integer.MIN_VALUE)
            ps.setFetchSize(FETCH_SIZE);
            read(ps, row -> rows.accept(row.student()));
        } finally {
            if (c.getAutoCommit() != autoCommit) {
                c.rollback(); // read only: nothing to keep
                c.setAutoCommit(autoCommit);
            }
        }
    }

    @FunctionalInterface
    private interface KeyedRows {
        boolean accept(Keyed row) throws Exception;
    }

    private static void read(PreparedStatement ps, KeyedRows rows) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            Set<String> labels = labels(rs.getMetaData());
            if (!labels.contains("local_id") || !labels.contains("ccc_id")) {
                throw new IllegalArgumentException("sisbridge.reconcile.sql: the query must return columns local_id and ccc_id"
                        + " (it returns " + String.join(", ", labels) + ")");
            }
            while (rs.next()) {
                String key = rs.getString("local_id");
                SisStudent s = new SisStudent(key == null ? null : key.strip(), text(rs, labels, "ccc_id"),
                        text(rs, labels, "first_name"), text(rs, labels, "middle_name"), text(rs, labels, "last_name"),
                        date(rs, labels), text(rs, labels, "email"), text(rs, labels, "phone"),
                        text(rs, labels, "postal_code"));
                if (!rows.accept(new Keyed(key, s))) {
                    break;
                }
            }
        }
    }

    private static Set<String> labels(ResultSetMetaData meta) throws SQLException {
        Set<String> labels = new HashSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            labels.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return labels;
    }

    private static String text(ResultSet rs, Set<String> labels, String label) throws SQLException {
        if (!labels.contains(label)) {
            return null;
        }
        String value = rs.getString(label);
        return value == null ? null : value.strip();
    }

    /** A DATE column as yyyy-MM-dd; a text column as it is (upstream refuses a date it cannot read). */
    private static String date(ResultSet rs, Set<String> labels) throws SQLException {
        if (!labels.contains("birth_date")) {
            return null;
        }
        Object value = rs.getObject("birth_date");
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toLocalDate().toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof java.time.LocalDateTime t) {
            return t.toLocalDate().toString();
        }
        return value == null ? null : value.toString().strip();
    }
}
