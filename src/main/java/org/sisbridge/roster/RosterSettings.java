package org.sisbridge.roster;

import org.sisbridge.staging.SqlIdentifier;

/** The {@code sisbridge.roster.*} keys the roster beans need, checked once at start-up. */
public record RosterSettings(int batchSize, int maxAttempts, long pollInitialDelayMs, long pollMaxDelayMs,
                             long pollBudgetMs, int minAge, int maxAge, boolean emailRequired, String requestTable,
                             String batchTable, String resultTable, String fileTable) {

    /** The contract's limit on students per batch. */
    public static final int MAX_BATCH_SIZE = 500;

    public RosterSettings {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("sisbridge.roster.batch-size must be 1.." + MAX_BATCH_SIZE + " (the upstream limit), was " + batchSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sisbridge.roster.max-attempts must be at least 1, was " + maxAttempts);
        }
        if (minAge < 0 || maxAge <= minAge) {
            throw new IllegalArgumentException("sisbridge.roster.min-age and max-age must satisfy 0 <= min < max");
        }
        if (pollInitialDelayMs < 0 || pollMaxDelayMs < pollInitialDelayMs || pollBudgetMs < 0) {
            throw new IllegalArgumentException("sisbridge.roster.job-poll-* delays must satisfy 0 <= initial <= max, budget >= 0");
        }
        requestTable = SqlIdentifier.require("sisbridge.roster.request-table", requestTable);
        batchTable = SqlIdentifier.require("sisbridge.roster.batch-table", batchTable);
        resultTable = SqlIdentifier.require("sisbridge.roster.result-table", resultTable);
        fileTable = SqlIdentifier.require("sisbridge.roster.file-table", fileTable);
    }
}
