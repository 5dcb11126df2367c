package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outbox ({@code cccid_request}): rows the SIS or a roster file queued, moved along
 * PENDING -> SENT -> DONE / REJECTED / ERROR. Every method works inside the caller's transaction.
 */
public class CccidRequestTable {

    static final String STUDENT_COLUMNS = "request_id, local_id, first_name, middle_name, last_name, birth_date, email, phone, postal_code";
    private static final int IN_CHUNK = 500;

    private final String table;

    public CccidRequestTable(String table) {
        this.table = table;
    }

    public String name() {
        return table;
    }

    /** PENDING rows of a college after a request id, oldest first (keyset paging keeps each read small). */
    public List<RosterStudent> pending(Connection c, String misCode, long afterRequestId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + STUDENT_COLUMNS + " FROM " + table
                + " WHERE mis_code = ? AND status = 'PENDING' AND request_id > ?"
                // the index's own column order, so databases read it in order instead of sorting every PENDING row
                + " ORDER BY mis_code, status, request_id")) {
            ps.setString(1, misCode);
            ps.setLong(2, afterRequestId);
            ps.setMaxRows(limit);
            return read(ps);
        }
    }

    /** The students a batch holds, in request order. */
    public List<RosterStudent> ofBatch(Connection c, String batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + STUDENT_COLUMNS + " FROM " + table
                + " WHERE batch_id = ? AND status = 'SENT' ORDER BY request_id")) {
            ps.setString(1, batchId);
            return read(ps);
        }
    }

    /** @return rows actually moved from PENDING to SENT */
    public int markSent(Connection c, String batchId, List<Long> requestIds, Timestamp now) throws SQLException {
        int moved = 0;
        for (int from = 0; from < requestIds.size(); from += IN_CHUNK) {
            List<Long> chunk = requestIds.subList(from, Math.min(requestIds.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = 'SENT', batch_id = ?,"
                    + " updated_at = ? WHERE status = 'PENDING' AND request_id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                ps.setString(1, batchId);
                ps.setTimestamp(2, now);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 3, chunk.get(i));
                }
                moved += ps.executeUpdate();
            }
        }
        return moved;
    }

    /** Final or new states for several rows, each with its reason (null for DONE). */
    public void settle(Connection c, List<Settlement> settlements, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET status = ?, reason_code = ?, status_reason = ?, updated_at = ? WHERE request_id = ?")) {
            for (Settlement s : settlements) {
                ps.setString(1, s.status());
                ps.setString(2, s.reasonCode());
                ps.setString(3, s.reason() == null ? null : truncate(s.reason(), 1000));
                ps.setTimestamp(4, now);
                ps.setLong(5, s.requestId());
                ps.addBatch();
            }
            if (!settlements.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    /**
     * A failed job's students: back to PENDING for a new batch, or ERROR once they have been sent
     * maxAttempts times. attempts is assigned last: MySQL/MariaDB evaluate SET left to right.
     */
    public int requeueBatch(Connection c, String batchId, int maxAttempts, String reasonCode, String reason, Timestamp now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET"
                + " status = CASE WHEN attempts + 1 >= ? THEN 'ERROR' ELSE 'PENDING' END,"
                + " reason_code = CASE WHEN attempts + 1 >= ? THEN ? ELSE NULL END,"
                + " status_reason = CASE WHEN attempts + 1 >= ? THEN ? ELSE NULL END,"
                + " batch_id = CASE WHEN attempts + 1 >= ? THEN batch_id ELSE NULL END,"
                + " updated_at = ?, attempts = attempts + 1 WHERE batch_id = ? AND status = 'SENT'")) {
            ps.setInt(1, maxAttempts);
            ps.setInt(2, maxAttempts);
            ps.setString(3, reasonCode);
            ps.setInt(4, maxAttempts);
            ps.setString(5, truncate(reason, 1000));
            ps.setInt(6, maxAttempts);
            ps.setTimestamp(7, now);
            ps.setString(8, batchId);
            return ps.executeUpdate();
        }
    }

    /** An insert for roster file rows; bind with {@link #bindInsert} and add to the batch. */
    public PreparedStatement prepareInsert(Connection c) throws SQLException {
        return c.prepareStatement("INSERT INTO " + table + " (mis_code, local_id, first_name, middle_name, last_name,"
                + " birth_date, email, phone, postal_code, status, reason_code, status_reason, attempts, source,"
                + " source_line, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?)");
    }

    /** Binds one row; a REJECTED row keeps only what fits the columns (it is never sent). */
    public static void bindInsert(PreparedStatement ps, String misCode, RosterStudent s, LocalDate birthDate,
                                  RosterProblem problem, String source, long line, Timestamp now) throws SQLException {
        ps.setString(1, misCode);
        ps.setString(2, truncate(blankToNull(s.localId()) == null ? "(line " + line + ")" : s.localId().trim(), 64));
        ps.setString(3, clip(s.firstName(), 100));
        ps.setString(4, clip(s.middleName(), 100));
        ps.setString(5, clip(s.lastName(), 100));
        if (birthDate == null) {
            ps.setNull(6, Types.DATE);
        } else {
            ps.setObject(6, birthDate);
        }
        ps.setString(7, clip(s.email(), 256));
        ps.setString(8, clip(s.phone(), 32));
        ps.setString(9, clip(s.postalCode(), 16));
        ps.setString(10, problem == null ? "PENDING" : "REJECTED");
        ps.setString(11, problem == null ? null : problem.reason().name());
        ps.setString(12, problem == null ? null : truncate(problem.describe(), 1000));
        ps.setString(13, source);
        ps.setLong(14, line);
        ps.setTimestamp(15, now);
        ps.setTimestamp(16, now);
    }

    private static List<RosterStudent> read(PreparedStatement ps) throws SQLException {
        List<RosterStudent> students = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LocalDate born = rs.getObject(6, LocalDate.class);
                students.add(new RosterStudent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), born == null ? null : born.toString(), rs.getString(7), rs.getString(8),
                        rs.getString(9)));
            }
        }
        return students;
    }

    private static String clip(String value, int max) {
        String v = blankToNull(value);
        return v == null ? null : truncate(v.trim(), max);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** A new state for one outbox row. */
    public record Settlement(long requestId, String status, String reasonCode, String reason) {
    }
}
