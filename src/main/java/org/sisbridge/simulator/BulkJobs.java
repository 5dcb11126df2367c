package org.sisbridge.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bulk jobs by id and by Idempotency-Key. The same key (per MIS code) always maps to the job it
 * first created, whatever the body of the repeat: that is what lets a client that lost the answer
 * send again safely.
 */
public final class BulkJobs {
    private final Map<String, BulkJob> byKey = new ConcurrentHashMap<>();
    private final Map<String, BulkJob> byId = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder replays = new LongAdder();

    /** The job this key created before (counted as a replay), or empty. */
    Optional<BulkJob> forKey(String misCode, String idempotencyKey) {
        BulkJob job = byKey.get(misCode + "/" + idempotencyKey);
        if (job != null) {
            replays.increment();
        }
        return Optional.ofNullable(job);
    }

    /** Creates the job of a new key; a concurrent request with the same key gets the same job. */
    synchronized BulkJob create(String misCode, String idempotencyKey, BulkRequestParser.BulkRequest request, boolean fails,
                                int runningPolls, long runningMillis) {
        BulkJob existing = byKey.get(misCode + "/" + idempotencyKey);
        if (existing != null) {
            replays.increment();
            return existing;
        }
        String jobId = String.format("job-%s-%06d", misCode, sequence.incrementAndGet());
        BulkJob job = new BulkJob(jobId, misCode, request.students(), request.match(), fails, runningPolls, runningMillis);
        byKey.put(misCode + "/" + idempotencyKey, job);
        byId.put(jobId, job);
        return job;
    }

    Optional<BulkJob> byId(String misCode, String jobId) {
        BulkJob job = byId.get(jobId);
        return job != null && job.misCode().equals(misCode) ? Optional.of(job) : Optional.empty();
    }

    /** Jobs created since start (one per distinct Idempotency-Key). */
    public long created() {
        return sequence.get();
    }

    /** POSTs answered with the job an earlier POST of the same key had created. */
    public long replays() {
        return replays.sum();
    }

    /** Number of the job about to be created, for deterministic per-job decisions. */
    long next() {
        return sequence.get() + 1;
    }
}
