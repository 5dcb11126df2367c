package org.sisbridge.roster;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.sisbridge.roster.CccidRequestTable.Settlement;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.watch.FlowMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the next batch of PENDING students of a college: each is validated first (a student who
 * fails becomes REJECTED with the reason and never leaves the college), and the valid ones are
 * recorded as a new batch and marked SENT in one transaction, before any HTTP call. The new batch
 * id is the Idempotency-Key, so whatever happens afterwards the batch is sent with that key only.
 */
public class RosterBatchBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(RosterBatchBuilder.class);

    private final DataSource dataSource;
    private final CccidRequestTable requests;
    private final CccidBatchTable batches;
    private final RosterValidator validator;
    private final int batchSize;
    private final FlowMetrics metrics;
    private final Clock clock;

    public RosterBatchBuilder(DataSource dataSource, CccidRequestTable requests, CccidBatchTable batches,
                              RosterValidator validator, int batchSize, FlowMetrics metrics, Clock clock) {
        this.dataSource = dataSource;
        this.requests = requests;
        this.batches = batches;
        this.validator = validator;
        this.batchSize = batchSize;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return the new batch, or null when no valid PENDING student is left */
    public OpenBatch next(String misCode) throws SQLException {
        List<Long> chosen = new ArrayList<>();
        Set<String> localIds = new HashSet<>();
        long after = 0;
        int rejected = 0;
        while (chosen.size() < batchSize) {
            List<RosterStudent> page = readPage(misCode, after, batchSize - chosen.size());
            if (page.isEmpty()) {
                break;
            }
            List<Settlement> invalid = new ArrayList<>();
            for (RosterStudent s : page) {
                after = s.requestId();
                Optional<RosterProblem> problem = validator.check(s);
                if (problem.isPresent()) {
                    invalid.add(new Settlement(s.requestId(), "REJECTED", problem.get().reason().name(), problem.get().describe()));
                } else if (localIds.add(UnicodeSpace.strip(s.localId()))) {
                    chosen.add(s.requestId());
                }
                // a second row of the same local id waits for the next batch: results are keyed by localId
            }
            if (!invalid.isEmpty()) {
                RosterTransaction.run(dataSource, c -> {
                    requests.settle(c, "PENDING", invalid, now());
                    return null;
                });
                rejected += invalid.size();
                invalid.forEach(r -> metrics.rejected(FlowMetrics.ROSTER, r.reasonCode(), 1));
                metrics.rosterOutcome("rejected", invalid.size());
            }
        }
        if (rejected > 0) {
            LOG.info("Roster for MIS {}: {} student(s) rejected by local validation, not sent", misCode, rejected);
        }
        if (chosen.isEmpty()) {
            return null;
        }
        String batchId = misCode + "-" + UUID.randomUUID();
        RosterTransaction.run(dataSource, c -> {
            Timestamp now = now();
            batches.create(c, batchId, misCode, chosen.size(), now);
            int moved = requests.markSent(c, batchId, chosen, now);
            if (moved != chosen.size()) {
                // another agent on this database (or the SIS) moved some of these rows first: a staging-database
                // outcome, so the error policy names the database and counts it there, not as an upstream failure
                throw new ProgressMarkerMovedException("the outbox changed while batch " + batchId + " was built ("
                        + moved + " of " + chosen.size() + " rows still PENDING); it is built again on the next poll");
            }
            return null;
        });
        LOG.info("Roster batch {} for MIS {} recorded with {} student(s)", batchId, misCode, chosen.size());
        return new OpenBatch(batchId, misCode, null, chosen.size());
    }

    private List<RosterStudent> readPage(String misCode, long after, int limit) throws SQLException {
        return RosterTransaction.run(dataSource, c -> requests.pending(c, misCode, after, limit));
    }

    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(clock));
    }
}
