package org.sisbridge.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.staging.FlowRunStore;
import org.sisbridge.staging.JdbcUrlMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last success and the last failure of every flow and scope (a MIS code, a report, a batch),
 * for the operator's status view and for tests. Flows report here; nothing here decides anything.
 * Each report is also kept in {@code sisbridge_flow_run} (when a store is given), so that the
 * {@code status} command sees it from another process; a failure to write it is logged, never
 * passed on to the flow whose rows are already committed.
 */
public class FlowActivity {

    private static final Logger LOG = LoggerFactory.getLogger(FlowActivity.class);

    private final Clock clock;
    private final FlowRunStore store;
    private final Map<String, Entry> entries = new TreeMap<>();

    public FlowActivity(Clock clock) {
        this(clock, null);
    }

    public FlowActivity(Clock clock, FlowRunStore store) {
        this.clock = clock;
        this.store = store;
    }

    /**
     * Writes a batch's run row in the batch's own transaction, where a flow commits often (an events
     * page): one commit per batch instead of two. Call {@link #committed} once the transaction has.
     */
    public void record(Connection connection, String flow, String scope, BatchCounts counts) throws SQLException {
        if (store != null) {
            store.success(connection, flow, scope, clock.instant(), counts);
        }
    }

    /** A batch whose run row {@link #record} wrote has committed. */
    public void committed(String flow, String scope, BatchCounts counts) {
        remember(flow, scope, counts, clock.instant());
    }

    /** A batch committed: remembered, and its run row written in a transaction of its own. */
    public void success(String flow, String scope, BatchCounts counts) {
        Instant now = clock.instant();
        remember(flow, scope, counts, now);
        if (store != null) {
            try {
                store.success(flow, scope, now, counts);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Could not record the last run of {} / {} in the flow-run table: {}", flow, scope, e.getMessage());
            }
        }
    }

    private synchronized void remember(String flow, String scope, BatchCounts counts, Instant at) {
        entries.compute(flow + "/" + scope, (k, old) -> new Entry(at, counts, old == null ? null : old.lastFailureAt,
                old == null ? null : old.lastFailure));
    }

    public void failure(String flow, String scope, String message) {
        failure(flow, scope, message, false);
    }

    /**
     * A failure of the staging database itself: kept in memory for the status page and written to the
     * flow-run table if the database answers again; if it does not, that is no second line, since the
     * failure's own line already named the database.
     */
    public void failureOfDatabase(String flow, String scope, String message) {
        failure(flow, scope, message, true);
    }

    private void failure(String flow, String scope, String failure, boolean databaseAlreadyBlamed) {
        // the status page and status.json show this text: a JDBC URL quoted by a driver's error keeps its password out
        String message = JdbcUrlMasking.mask(failure);
        Instant now = clock.instant();
        synchronized (this) {
            entries.compute(flow + "/" + scope, (k, old) -> new Entry(old == null ? null : old.lastSuccessAt,
                    old == null ? null : old.lastCounts, now, message));
        }
        if (store != null) {
            try {
                store.failure(flow, scope, now, message);
            } catch (SQLException | RuntimeException e) {
                if (databaseAlreadyBlamed) {
                    LOG.debug("Could not record the failure of {} / {} in the flow-run table: {}", flow, scope, e.getMessage());
                } else {
                    LOG.warn("Could not record the failure of {} / {} in the flow-run table: {}", flow, scope, e.getMessage());
                }
            }
        }
    }

    /** @return the message of the last failure of that flow and scope, or null when it never failed */
    public synchronized String lastFailure(String flow, String scope) {
        Entry entry = entries.get(flow + "/" + scope);
        return entry == null ? null : entry.lastFailure;
    }

    public synchronized Map<String, Entry> snapshot() {
        return new TreeMap<>(entries);
    }

    public record Entry(Instant lastSuccessAt, BatchCounts lastCounts, Instant lastFailureAt, String lastFailure) {
    }
}
