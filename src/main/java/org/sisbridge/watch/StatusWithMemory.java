package org.sisbridge.watch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.StagingFailure;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.StatusSnapshotReader;

/**
 * The status page's snapshot, with what this process knows beyond the database: a poll that failed
 * because the staging database was down could not write its failure to the flow-run table, and while
 * the database is down the snapshot cannot be read at all. Then the page still shows each flow's last
 * success and failure as this process recorded them (FlowActivity), and says the database is unreadable.
 */
public class StatusWithMemory {

    private final StatusSnapshotReader reader;
    private final FlowActivity activity;
    private final StagingSettings staging;
    private final Clock clock;

    public StatusWithMemory(StatusSnapshotReader reader, FlowActivity activity, StagingSettings staging, Clock clock) {
        this.reader = reader;
        this.activity = activity;
        this.staging = staging;
        this.clock = clock;
    }

    public StatusSnapshot read() {
        StatusSnapshot stored;
        try {
            stored = reader.read();
        } catch (RuntimeException e) {
            return new StatusSnapshot(clock.instant(), merge(List.of()), List.of(), List.of(), Map.of(), Map.of(),
                    List.of(), List.of(), Map.of(), null, List.of(), List.of(), List.of(), List.of(), List.of("everything stored: the staging database "
                            + StagingFailure.describeDatabase(staging) + " cannot be read (" + e.getMessage() + ")"));
        }
        return new StatusSnapshot(stored.takenAt(), merge(stored.flows()), stored.checkpoints(), stored.recentReports(),
                stored.rosterStudentsByStatus(), stored.rosterOutcomes(), stored.recentRosterBatches(),
                stored.recentRosterFiles(), stored.rosterWriteBacks(), stored.latestWriteBackError(), stored.rejectCounts(), stored.latestRejects(),
                stored.reconciliations(), stored.reconcileConflicts(), stored.unreadable());
    }

    /** The stored rows, each with this process's failure where that one is later (or not stored at all). */
    private List<StatusSnapshot.FlowRun> merge(List<StatusSnapshot.FlowRun> stored) {
        Map<String, StatusSnapshot.FlowRun> byKey = new LinkedHashMap<>();
        stored.forEach(f -> byKey.put(f.flow() + "/" + f.scope(), f));
        activity.snapshot().forEach((key, entry) -> {
            StatusSnapshot.FlowRun row = byKey.get(key);
            boolean laterFailure = entry.lastFailureAt() != null
                    && (row == null || row.lastFailureAt() == null || entry.lastFailureAt().isAfter(row.lastFailureAt()));
            if (!laterFailure) {
                return;
            }
            boolean laterSuccess = entry.lastSuccessAt() != null
                    && (row == null || row.lastSuccessAt() == null || entry.lastSuccessAt().isAfter(row.lastSuccessAt()));
            int slash = key.indexOf('/');
            byKey.put(key, new StatusSnapshot.FlowRun(key.substring(0, slash), key.substring(slash + 1),
                    laterSuccess || row == null ? entry.lastSuccessAt() : row.lastSuccessAt(),
                    laterSuccess || row == null ? entry.lastCounts() : row.lastCounts(),
                    entry.lastFailureAt(), entry.lastFailure()));
        });
        return new ArrayList<>(byKey.values());
    }
}
