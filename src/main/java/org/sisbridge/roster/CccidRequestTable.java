package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The outbox ({@code cccid_request}, or wherever the college's mapping sends it): rows the SIS or a roster file queued, moved along
 * PENDING -> SENT -> DONE / REJECTED / ERROR. Every method works inside the caller's transaction.
 */
public class CccidRequestTable {

    /** The student fields read back, in the order {@link #read} expects them. */
    static final List<String> STUDENT_FIELDS = List.of("request_id", "local_id", "first_name", "middle_name", "last_name",
            "birth_date", "email", "phone", "postal_code");
    /** The fields a roster file row is inserted with (request_id comes from the table). */
    static final List<String> INSERT_FIELDS = List.of("mis_code", "local_id", "first_name", "middle_name", "last_name",
            "birth_date", "email", "phone", "postal_code", "status", "reason_code", "status_reason", "attempts", "source",
            "source_line", "created_at", "updated_at");
    private static final int IN_CHUNK = 500;

    private final MappedTable t;
    private final String studentColumns;

    /** The generic layout's outbox of that name. */
    public CccidRequestTable(String table) {
        this(MappedTable.generic("cccid_request", table));
    }

    /** @param mapping where the college's mapping sends the canonical outbox */
    public CccidRequestTable(TableMapping mapping) {
        this(new MappedTable(mapping));
    }

    private CccidRequestTable(MappedTable table) {
        this.t = table;
        this.studentColumns = String.join(", ", STUDENT_FIELDS.stream().map(table::col).toList());
    }

    public String name() {
        return t.table();
    }

    MappedTable mapped() {
        return t;
    }

    /** PENDING rows of a college after a request id, oldest first (keyset paging keeps each read small). */
    public List<RosterStudent> pending(Connection c, String misCode, long afterRequestId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + studentColumns + " FROM " + t.table()
                + " WHERE " + t.col("mis_code") + " = ? AND " + t.col("status") + " = " + t.literal("status", "PENDING")
                + " AND " + t.col("request_id") + " > ?"
                // the index's own column order, so databases read it in order instead of sorting every PENDING row
                + " ORDER BY " + t.col("mis_code") + ", " + t.col("status") + ", " + t.col("request_id"))) {
            t.set(ps, 1, "mis_code", misCode);
            ps.setLong(2, afterRequestId);
            ps.setMaxRows(limit);
            return read(ps);
        }
    }

    /**
     * The status of each of these students' latest outbox row (whoever queued it: the SIS, a roster
     * file or the source query), as the agent names it (PENDING, SENT, DONE, REJECTED, ERROR) or, for a
     * value the agent does not know, as the table holds it.
     */
    public Map<String, String> latestStatuses(Connection c, String misCode, Collection<String> localIds) throws SQLException {
        Map<String, Long> latest = new HashMap<>();
        Map<String, String> statuses = new HashMap<>();
        // a point read per student of the index on (mis_code, local_id, request_id) (V7), see PerStudentLookup
        PerStudentLookup.each(c, "SELECT " + t.col("request_id") + ", " + t.col("status") + " FROM " + t.table()
                + " WHERE " + t.col("mis_code") + " = ? AND " + t.col("local_id") + " = ?", localIds, (ps, localId) -> {
                    t.set(ps, 1, "mis_code", misCode);
                    t.set(ps, 2, "local_id", localId);
                }, (localId, rs) -> {
                    long requestId = rs.getLong(1);
                    if (latest.getOrDefault(localId, Long.MIN_VALUE) < requestId) {
                        latest.put(localId, requestId);
                        statuses.put(localId, canonicalStatus(rs.getString(2)));
                    }
                });
        return statuses;
    }

    /**
     * The fields of each of these students' latest outbox row, by local id: for the source query, which
     * compares them with its own row when another path (a roster file, the SIS's own job) queued the
     * student and upstream refused it.
     */
    public Map<String, RosterStudent> latestStudents(Connection c, String misCode, Collection<String> localIds) throws SQLException {
        Map<String, RosterStudent> latest = new HashMap<>();
        PerStudentLookup.each(c, "SELECT " + studentColumns + " FROM " + t.table() + " WHERE " + t.col("mis_code") + " = ? AND "
                + t.col("local_id") + " = ?", localIds, (ps, localId) -> {
                    t.set(ps, 1, "mis_code", misCode);
                    t.set(ps, 2, "local_id", localId);
                }, (localId, rs) -> {
                    RosterStudent s = student(rs);
                    RosterStudent known = latest.get(localId);
                    if (known == null || known.requestId() < s.requestId()) {
                        latest.put(localId, s);
                    }
                });
        return latest;
    }

    private String canonicalStatus(String read) {
        for (String status : List.of("PENDING", "SENT", "DONE", "REJECTED", "ERROR")) {
            if (t.is("status", status, read)) {
                return status;
            }
        }
        return read;
    }

    /** The students a batch holds, in request order. */
    public List<RosterStudent> ofBatch(Connection c, String batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + studentColumns + " FROM " + t.table()
                + " WHERE " + t.col("batch_id") + " = ? AND " + t.col("status") + " = " + t.literal("status", "SENT")
                + " ORDER BY " + t.col("request_id"))) {
            t.set(ps, 1, "batch_id", batchId);
            return read(ps);
        }
    }

    /** Students of a batch in one status (after a FAILED job: those that went to ERROR). */
    public int countInBatch(Connection c, String batchId, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + t.table() + " WHERE " + t.col("batch_id")
                + " = ? AND " + t.col("status") + " = " + t.literal("status", status))) {
            t.set(ps, 1, "batch_id", batchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** @return rows actually moved from PENDING to SENT */
    public int markSent(Connection c, String batchId, List<Long> requestIds, Timestamp now) throws SQLException {
        int moved = 0;
        for (int from = 0; from < requestIds.size(); from += IN_CHUNK) {
            List<Long> chunk = requestIds.subList(from, Math.min(requestIds.size(), from + IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("status") + " = "
                    + t.literal("status", "SENT") + ", " + t.col("batch_id") + " = ?, " + t.col("updated_at") + " = ?"
                    + " WHERE " + t.col("status") + " = " + t.literal("status", "PENDING") + " AND " + t.col("request_id")
                    + " IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                t.set(ps, 1, "batch_id", batchId);
                t.set(ps, 2, "updated_at", now);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 3, chunk.get(i));
                }
                moved += ps.executeUpdate();
            }
        }
        return moved;
    }

    /**
     * Final or new states for several rows, each with its reason (null for DONE). Each update names
     * the state its row was read in ({@code expected}); a row found in another state means another
     * run moved it, and {@link ProgressMarkerMovedException} fails the caller's transaction rather
     * than overwrite that run's outcome.
     */
    public void settle(Connection c, String expected, List<Settlement> settlements, Timestamp now) throws SQLException {
        settle(c, expected, null, settlements, now);
    }

    /** The same for the students of one batch: each update also names the batch the student was sent in. */
    public void settle(Connection c, String expected, String batchId, List<Settlement> settlements, Timestamp now)
            throws SQLException {
        if (settlements.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("status") + " = ?, "
                + t.col("reason_code") + " = ?, " + t.col("status_reason") + " = ?, " + t.col("updated_at") + " = ?"
                + " WHERE " + t.col("request_id") + " = ? AND " + t.col("status") + " = " + t.literal("status", expected)
                + (batchId == null ? "" : " AND " + t.col("batch_id") + " = ?"))) {
            for (Settlement s : settlements) {
                t.set(ps, 1, "status", s.status());
                t.set(ps, 2, "reason_code", s.reasonCode());
                t.set(ps, 3, "status_reason", s.reason() == null ? null : truncate(s.reason(), 1000));
                t.set(ps, 4, "updated_at", now);
                ps.setLong(5, s.requestId());
                if (batchId != null) {
                    t.set(ps, 6, "batch_id", batchId);
                }
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                // SUCCESS_NO_INFO (some drivers' batches) says nothing either way; the batch row's own CAS still guards
                if (counts[i] == 0) {
                    throw new ProgressMarkerMovedException("outbox row " + settlements.get(i).requestId() + " of " + t.table()
                            + " is no longer " + expected + (batchId == null ? "" : " in batch " + batchId));
                }
            }
        }
    }

    /**
     * A failed job's students: back to PENDING for a new batch, or ERROR once they have been sent
     * maxAttempts times. attempts is assigned last: MySQL/MariaDB evaluate SET left to right.
     */
    public int requeueBatch(Connection c, String batchId, int maxAttempts, String reasonCode, String reason, Timestamp now)
            throws SQLException {
        String attempts = t.col("attempts");
        String batch = t.col("batch_id");
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET"
                + " " + t.col("status") + " = CASE WHEN " + attempts + " + 1 >= ? THEN " + t.literal("status", "ERROR")
                + " ELSE " + t.literal("status", "PENDING") + " END,"
                + " " + t.col("reason_code") + " = CASE WHEN " + attempts + " + 1 >= ? THEN ? ELSE NULL END,"
                + " " + t.col("status_reason") + " = CASE WHEN " + attempts + " + 1 >= ? THEN ? ELSE NULL END,"
                + " " + batch + " = CASE WHEN " + attempts + " + 1 >= ? THEN " + batch + " ELSE NULL END,"
                + " " + t.col("updated_at") + " = ?, " + attempts + " = " + attempts + " + 1 WHERE " + batch + " = ? AND "
                + t.col("status") + " = " + t.literal("status", "SENT"))) {
            ps.setInt(1, maxAttempts);
            ps.setInt(2, maxAttempts);
            ps.setString(3, (String) t.value("reason_code", reasonCode));
            ps.setInt(4, maxAttempts);
            ps.setString(5, (String) t.value("status_reason", truncate(reason, 1000)));
            ps.setInt(6, maxAttempts);
            t.set(ps, 7, "updated_at", now);
            t.set(ps, 8, "batch_id", batchId);
            return ps.executeUpdate();
        }
    }

    /** An insert for roster file rows; bind with {@link #bindInsert} and add to the batch. */
    public PreparedStatement prepareInsert(Connection c) throws SQLException {
        return c.prepareStatement(t.insertSql(INSERT_FIELDS));
    }

    /** Binds one row; a REJECTED row keeps only what fits the columns (it is never sent). */
    public void bindInsert(PreparedStatement ps, String misCode, RosterStudent s, LocalDate birthDate,
                           RosterProblem problem, String source, long line, Timestamp now) throws SQLException {
        t.bindRow(ps, INSERT_FIELDS, Arrays.asList(
                misCode,
                truncate(blankToNull(s.localId()) == null ? "(line " + line + ")" : s.localId().trim(), 64),
                clip(s.firstName(), 100),
                clip(s.middleName(), 100),
                clip(s.lastName(), 100),
                birthDate,
                clip(s.email(), 256),
                clip(s.phone(), 32),
                clip(s.postalCode(), 16),
                problem == null ? "PENDING" : "REJECTED",
                problem == null ? null : problem.reason().name(),
                problem == null ? null : truncate(problem.describe(), 1000),
                0,
                source,
                line,
                now,
                now));
    }

    private List<RosterStudent> read(PreparedStatement ps) throws SQLException {
        List<RosterStudent> students = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                students.add(student(rs));
            }
        }
        return students;
    }

    /** One row of {@link #STUDENT_FIELDS}. */
    private RosterStudent student(ResultSet rs) throws SQLException {
        LocalDate born = t.date(rs, 6, "birth_date");
        return new RosterStudent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), born == null ? null : born.toString(), rs.getString(7), rs.getString(8),
                rs.getString(9));
    }

    /** At most max code points (as the validator and the contract count), never half a surrogate pair. */
    private static String clip(String value, int max) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        String trimmed = v.trim();
        return trimmed.codePointCount(0, trimmed.length()) <= max ? trimmed : trimmed.substring(0, trimmed.offsetByCodePoints(0, max));
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
