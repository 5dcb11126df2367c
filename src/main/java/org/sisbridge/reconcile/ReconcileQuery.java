package org.sisbridge.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sisbridge.staging.sis.NamedSql;

/**
 * The college's reconcile query (sisbridge.reconcile.sql): its students WITH the CCCID the SIS holds,
 * columns local_id, ccc_id, first_name, middle_name, last_name, birth_date, email, phone, postal_code
 * (by label, any order; all but local_id and ccc_id may be missing), optionally filtered with
 * {@code :mis_code}. It is read as a stream in bounded memory: a fetch size, a transaction on
 * PostgreSQL (whose driver only streams inside one), MariaDB Connector/J's fetch-size streaming. The query should
 * ORDER BY local_id: a resumed run then rebuilds the same batches, so upstream answers them from the
 * jobs it already has (batch ids are derived from their students).
 */
public final class ReconcileQuery {

    static final Set<String> PARAMETERS = Set.of("mis_code");
    private static final int FETCH_SIZE = 500;

    private final NamedSql sql;

    public ReconcileQuery(NamedSql sql) {
        this.sql = sql;
    }

    public static ReconcileQuery parse(String configKey, String text) {
        return new ReconcileQuery(NamedSql.parse(configKey, text, PARAMETERS));
    }

    /** Receives the students one by one; returning false stops the read. */
    @FunctionalInterface
    public interface Rows {
        boolean accept(SisStudent student) throws Exception;
    }

    /** Streams the query's rows for one college into {@code rows}, on a connection of its own. */
    public void stream(Connection c, String misCode, Rows rows) throws Exception {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        boolean autoCommit = c.getAutoCommit();
        if (product.contains("postgres")) {
            c.setAutoCommit(false);
        }
        try (PreparedStatement ps = sql.prepare(c, Map.of("mis_code", misCode))) {
            // a positive fetch size streams on every driver shipped (MariaDB Connector/J 3 too, which refuses Integer.MIN_VALUE)
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> labels = labels(rs.getMetaData());
                if (!labels.contains("local_id") || !labels.contains("ccc_id")) {
                    throw new IllegalArgumentException("sisbridge.reconcile.sql: the query must return columns local_id and ccc_id"
                            + " (it returns " + String.join(", ", labels) + ")");
                }
                while (rs.next()) {
                    SisStudent s = new SisStudent(text(rs, labels, "local_id"), text(rs, labels, "ccc_id"),
                            text(rs, labels, "first_name"), text(rs, labels, "middle_name"), text(rs, labels, "last_name"),
                            date(rs, labels), text(rs, labels, "email"), text(rs, labels, "phone"),
                            text(rs, labels, "postal_code"));
                    if (!rows.accept(s)) {
                        break;
                    }
                }
            }
        } finally {
            if (c.getAutoCommit() != autoCommit) {
                c.rollback(); // read only: nothing to keep
                c.setAutoCommit(autoCommit);
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
