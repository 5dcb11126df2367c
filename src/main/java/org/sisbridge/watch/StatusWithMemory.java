package org.sisbridge.watch;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>A database that hangs instead of refusing kept each page view waiting for the pool's whole
 * connection timeout (30 s in an audit with the database frozen). The read runs on a thread of its own
 * and the page answers from memory once sisbridge.watch.health-timeout-ms has passed; while that read
 * still hangs, later views wait on the same read rather than start another, as readiness does.
 */
public class StatusWithMemory {

    private final StatusSnapshotReader reader;
    private final FlowActivity activity;
    private final StagingSettings staging;
    private final Clock clock;
    private final ExecutorService reads;
    private final Duration answerWithin;
    private Future<StatusSnapshot> read;

    /** Reading on the caller's thread, for as long as the database takes (tests, commands). */
    public StatusWithMemory(StatusSnapshotReader reader, FlowActivity activity, StagingSettings staging, Clock clock) {
        this(reader, activity, staging, clock, null, null);
    }

    /**
     * @param reads        a single-threaded executor (from Camel's ExecutorServiceManager, so it stops with Camel)
     * @param answerWithin how long a page view waits for the database before it answers from memory
     */
    public StatusWithMemory(StatusSnapshotReader reader, FlowActivity activity, StagingSettings staging, Clock clock,
                            ExecutorService reads, Duration answerWithin) {
        this.reader = reader;
        this.activity = activity;
        this.staging = staging;
        this.clock = clock;
        this.reads = reads;
        this.answerWithin = answerWithin;
    }

    public StatusSnapshot read() {
        StatusSnapshot stored;
        try {
            stored = stored();
        } catch (RuntimeException e) {
            return unreadable(e.getMessage());
        } catch (TimeoutException e) {
            return unreadable("no answer within " + answerWithin.toMillis() + " ms, sisbridge.watch.health-timeout-ms");
        }
        return new StatusSnapshot(stored.takenAt(), merge(stored.flows()), stored.checkpoints(), stored.recentReports(),
                stored.rosterStudentsByStatus(), stored.rosterOutcomes(), stored.recentRosterBatches(), stored.rosterBatchesToLookAt(),
                stored.recentRosterFiles(), stored.rosterWriteBacks(), stored.latestWriteBackError(), stored.rejectCounts(), stored.latestRejects(),
                stored.reconciliations(), stored.reconcileConflicts(), stored.unreadable());
    }

    private StatusSnapshot stored() throws TimeoutException {
        if (reads == null) {
            return reader.read();
        }
        try {
            return currentRead().get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(String.valueOf(e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the status", e);
        }
    }

    /** The read still running, or a new one. */
    private synchronized Future<StatusSnapshot> currentRead() {
        if (read == null || read.isDone()) {
            read = reads.submit(reader::read);
        }
        return read;
    }

    private StatusSnapshot unreadable(String why) {
        return new StatusSnapshot(clock.instant(), merge(List.of()), List.of(), List.of(), Map.of(), Map.of(),
                List.of(), StatusSnapshot.RosterBatchesToLookAt.NONE, List.of(), Map.of(), null, List.of(), List.of(), List.of(), List.of(), List.of("everything stored: the staging database "
                        + StagingFailure.describeDatabase(staging) + " cannot be read (" + why + ")"));
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
