package org.sisbridge.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * Roster students still waiting for a CCCID (PENDING, SENT) or that did not get one (REJECTED, ERROR),
 * each with its reason, from the outbox (cccid_request) as the college's mapping names it. Identifiers
 * only: the names, e-mail and birth date stay in the table.
 */
public class WaitingRosterStudents {

    public static final List<String> STATUSES = List.of("PENDING", "SENT", "REJECTED", "ERROR");

    /** updatedAt is the staged UTC wall-clock time. */
    public record Student(long requestId, String misCode, String localId, String status, String reasonCode, String reason,
                          long attempts, LocalDateTime updatedAt) {
    }

    private final DataSource dataSource;
    private final TableMapping t;
    private final StagingDialect dialect;

    public WaitingRosterStudents(DataSource dataSource, StagingMapping mapping, StagingDialect dialect) {
        this.dataSource = dataSource;
        this.t = mapping.table("cccid_request");
        this.dialect = dialect;
    }

    /** Newest change first; the sink says when to stop (false). */
    public void read(int limit, Predicate<Student> sink) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(STATUSES.size(), "?"));
        String sql = dialect.limit("SELECT " + t.column("request_id") + ", " + t.column("mis_code") + ", " + t.column("local_id")
                + ", " + t.column("status") + ", " + t.column("reason_code") + ", " + t.column("status_reason") + ", "
                + t.column("attempts") + ", " + t.column("updated_at") + " FROM " + t.table() + " WHERE " + t.column("status")
                + " IN (" + marks + ") ORDER BY " + t.column("updated_at") + " DESC, " + t.column("request_id") + " DESC", limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < STATUSES.size(); i++) {
                ps.setObject(i + 1, t.value("status", STATUSES.get(i)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!sink.test(new Student(rs.getLong(1), rs.getString(2), rs.getString(3), canonicalStatus(rs.getString(4)),
                            rs.getString(5), rs.getString(6), rs.getLong(7), t.readTimestamp("updated_at", rs, 8)))) {
                        return;
                    }
                }
            }
        }
    }

    /** The agent's name of a status the mapping may store differently. */
    private String canonicalStatus(String read) {
        for (String status : STATUSES) {
            if (String.valueOf(t.value("status", status)).equals(read)) {
                return status;
            }
        }
        return read;
    }
}
