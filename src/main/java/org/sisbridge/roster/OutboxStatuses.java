package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's status column as a SIS writes it. Reproduced: a row queued with {@code 'pending'}
 * (lower case) or {@code ' PENDING '} matched no query and was silently never sent. At the start of
 * each run, per college, this:
 * <ul>
 * <li>takes PENDING in any case and with spaces around it as PENDING: the row is rewritten with the
 * documented spelling (compare-and-set on the spelling read), so every later query finds it;</li>
 * <li>counts the rows whose status is none of the documented values (or NULL): the agent does not
 * guess what a SIS-side value such as HOLD means and never sends those rows, but says so, in one
 * WARN line when their number changes and on the status page and {@code status} (which count the
 * outbox by status).</li>
 * </ul>
 */
public class OutboxStatuses {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxStatuses.class);
    static final List<String> DOCUMENTED = org.sisbridge.status.UnknownOutboxStatuses.DOCUMENTED;

    private final DataSource dataSource;
    private final MappedTable t;
    private final Clock clock;
    private final Map<String, Long> unknownLogged = new ConcurrentHashMap<>();

    public OutboxStatuses(DataSource dataSource, CccidRequestTable requests, Clock clock) {
        this.dataSource = dataSource;
        this.t = requests.mapped();
        this.clock = clock;
    }

    /** Called by routes/roster-push.yaml before a college's batches are built. */
    public void tidy(String misCode) throws SQLException {
        int respelled = RosterTransaction.run(dataSource, c -> respellPending(c, misCode));
        if (respelled > 0) {
            LOG.info("Outbox for MIS {}: {} row(s) with status written as 'pending' in another case or with spaces taken as"
                    + " PENDING", misCode, respelled);
        }
        long unknown = RosterTransaction.run(dataSource, c -> unknown(c, misCode));
        Long before = unknownLogged.put(misCode, unknown);
        if (unknown > 0 && (before == null || before != unknown)) {
            LOG.warn("Outbox for MIS {}: {} row(s) have a status the agent does not know (not one of {}) and are not"
                    + " sent; set status = 'PENDING' to queue them", misCode, unknown, DOCUMENTED);
        }
    }

    int respellPending(Connection c, String misCode) throws SQLException {
        String pending = t.literal("status", "PENDING");
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("status") + " = " + pending
                + ", " + t.col("updated_at") + " = ? WHERE " + t.col("mis_code") + " = ? AND " + t.col("status") + " <> "
                + pending + " AND UPPER(LTRIM(RTRIM(" + t.col("status") + "))) = " + pending.toUpperCase(Locale.ROOT))) {
            t.set(ps, 1, "updated_at", Timestamp.valueOf(LocalDateTime.now(clock)));
            t.set(ps, 2, "mis_code", misCode);
            return ps.executeUpdate();
        }
    }

    long unknown(Connection c, String misCode) throws SQLException {
        String known = String.join(", ", DOCUMENTED.stream().map(s -> t.literal("status", s)).toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + t.table() + " WHERE " + t.col("mis_code")
                + " = ? AND (" + t.col("status") + " IS NULL OR " + t.col("status") + " NOT IN (" + known + "))")) {
            t.set(ps, 1, "mis_code", misCode);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
