package org.sisbridge.rejects;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Replays rejects one at a time, each in its own transaction with its settlement: a reject that
 * stages now is removed from the rejects table (its row is in staging, so keeping it would count
 * it twice); one that fails again stays, with the new reason.
 */
public class RejectReplay {

    private final DataSource dataSource;
    private final RejectStore store;
    private final Map<String, RejectReplayer> replayers = new LinkedHashMap<>();
    private final Clock clock;

    public RejectReplay(DataSource dataSource, RejectStore store, List<RejectReplayer> replayers, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        replayers.forEach(r -> this.replayers.put(r.source(), r));
        this.clock = clock;
    }

    /** @return what happened, or null when there is no reject of that id */
    public Result replay(long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                StoredReject reject = store.find(c, id).orElse(null);
                if (reject == null) {
                    c.rollback();
                    return null;
                }
                RejectReplayer replayer = replayers.get(reject.source());
                ReplayOutcome outcome = replayer == null
                        ? new ReplayOutcome.NotReplayable("no replay for source '" + reject.source() + "' (replayable: "
                                + String.join(", ", replayers.keySet()) + ")")
                        : replayer.replay(c, reject);
                if (outcome instanceof ReplayOutcome.Staged) {
                    store.delete(c, id);
                } else if (outcome instanceof ReplayOutcome.StillRejected again) {
                    store.updateReason(c, id, again.reject(), LocalDateTime.now(clock));
                }
                c.commit();
                return new Result(reject, outcome);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public record Result(StoredReject reject, ReplayOutcome outcome) {
    }
}
