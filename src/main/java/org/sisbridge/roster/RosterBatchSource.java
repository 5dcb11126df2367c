package org.sisbridge.roster;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The next batch one run works on: first the batches left open (by an earlier run that ran out of
 * poll budget, or by a crash), each once per run, then new ones from the PENDING students. A run
 * ends after max-batches-per-poll batches, or after a batch failed for good.
 */
public class RosterBatchSource {

    private static final String VISITED = "rosterBatchesVisited";

    private final RosterBatches batches;
    private final RosterBatchBuilder builder;
    private final int maxBatchesPerRun;

    public RosterBatchSource(RosterBatches batches, RosterBatchBuilder builder, int maxBatchesPerRun) {
        this.batches = batches;
        this.builder = builder;
        this.maxBatchesPerRun = maxBatchesPerRun;
    }

    /**
     * @return the next batch of the run's college (exchange property misCode), or null when this run
     * has nothing more to do for it; the run's visited batches are kept in an exchange property
     */
    public OpenBatch next(Exchange exchange) throws SQLException {
        String misCode = exchange.getProperty("misCode", String.class);
        @SuppressWarnings("unchecked")
        Set<String> visited = exchange.getProperty(VISITED, Set.class);
        if (visited == null) {
            visited = new HashSet<>();
            exchange.setProperty(VISITED, visited);
        }
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null || visited.size() >= maxBatchesPerRun) {
            // a batch failed for good (the next run starts with it again), or this run did its share
            return null;
        }
        Set<String> seen = visited;
        OpenBatch batch = batches.open(misCode).stream()
                .filter(b -> !seen.contains(b.batchId()))
                .findFirst()
                .orElse(null);
        if (batch == null) {
            batch = builder.next(misCode);
        }
        if (batch != null) {
            visited.add(batch.batchId());
        }
        return batch;
    }
}
