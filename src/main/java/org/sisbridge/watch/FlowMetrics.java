package org.sisbridge.watch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The flows' own meters on Camel's Micrometer registry, so they appear on the Prometheus endpoint
 * beside Camel's route meters. Flows call it after a batch has committed, so the counters never
 * count rolled-back work. Tags come from fixed sets only (flow, reject reason code, roster outcome):
 * never a record key, never student data.
 */
public class FlowMetrics {

    public static final String EVENTS = "events";
    public static final String REPORTS = "reports";
    public static final String ROSTER = "roster";
    /** Students the SIS took back from a batch before it was sent (no longer SENT in the outbox). */
    public static final String TAKEN_BACK = "taken_back";
    /** Results upstream gave for students the batch no longer held as SENT: not recorded. */
    public static final String RESULT_FOR_TAKEN_BACK = "result_for_taken_back";
    /** Results that could not be stored (UPSTREAM_RESULT_INVALID): those students are ERROR. */
    public static final String RESULT_INVALID = "result_invalid";
    /** Students a finished job carried no result for (UPSTREAM_RESULT_MISSING): sent again, or ERROR after max-attempts. */
    public static final String RESULT_MISSING = "result_missing";
    private static final java.util.List<String> BATCH_PROBLEMS = java.util.List.of(TAKEN_BACK, RESULT_FOR_TAKEN_BACK,
            RESULT_INVALID, RESULT_MISSING);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicLong> lastSuccess = Map.of(EVENTS, new AtomicLong(), REPORTS, new AtomicLong(),
            ROSTER, new AtomicLong());

    public FlowMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        lastSuccess.forEach((flow, seconds) -> {
            // registered up front, so a scrape shows every flow with 0 before its first batch
            received(flow);
            stored(flow);
            duplicates(flow);
            latency(flow);
            Gauge.builder("sisbridge.flow.last.success", seconds, AtomicLong::get).baseUnit("seconds")
                    .description("When the flow last committed a batch, in epoch seconds (0: not since start-up)")
                    .tag("flow", flow).register(registry);
        });
        // up front too: an alert on any increase needs the series before the first problem
        BATCH_PROBLEMS.forEach(this::batchProblems);
    }

    /**
     * One committed batch: an events page, a report, a roster batch.
     *
     * @param rejected new rejects by reason code
     */
    public void batch(String flow, long received, long stored, long duplicates, Map<? extends Enum<?>, ? extends Number> rejected,
                      long elapsedNanos) {
        received(flow).increment(received);
        stored(flow).increment(stored);
        duplicates(flow).increment(duplicates);
        rejected.forEach((reason, n) -> rejected(flow, reason.name(), n.longValue()));
        latency(flow).record(elapsedNanos, TimeUnit.NANOSECONDS);
        lastSuccess.get(flow).set(clock.instant().getEpochSecond());
    }

    /** Records rejected outside a batch (roster students that fail the local checks). */
    public void rejected(String flow, String reason, long n) {
        if (n > 0) {
            Counter.builder("sisbridge.records.rejected").description("Records rejected to sisbridge_reject or REJECTED in the outbox")
                    .tags("flow", flow, "reason", reason).register(registry).increment(n);
        }
    }

    /**
     * A poll that failed for good (after its retries), by where it failed: {@code upstream} or
     * {@code staging-database}. Rolled-back work is in no other counter, so without this a database
     * outage would show only as counters that stop moving.
     */
    public void pollFailure(String flow, String where) {
        Counter.builder("sisbridge.poll.failures").description("Polls that failed for good, by flow and where they failed")
                .tags("flow", flow, "where", where).register(registry).increment();
    }

    /** Students settled by bulk CCCID creation: created, duplicate (an existing account), rejected, error. */
    public void rosterOutcome(String outcome, long n) {
        if (n > 0) {
            Counter.builder("sisbridge.roster.outcomes").description("Students settled by bulk CCCID creation")
                    .tag("outcome", outcome).register(registry).increment(n);
        }
    }

    /**
     * Students of a roster batch that did not settle the plain way, by problem ({@link #TAKEN_BACK},
     * {@link #RESULT_FOR_TAKEN_BACK}, {@link #RESULT_INVALID}, {@link #RESULT_MISSING}); the batch's row says
     * which batch and what to do (status page, {@code status}).
     */
    public void rosterBatchProblem(String problem, long students) {
        if (students > 0) {
            batchProblems(problem).increment(students);
        }
    }

    private Counter batchProblems(String problem) {
        if (!BATCH_PROBLEMS.contains(problem)) {
            throw new IllegalArgumentException("not a roster batch problem: " + problem);
        }
        return Counter.builder("sisbridge.roster.batch.problems").description("Students of a roster batch that did not settle"
                + " the plain way, by problem").tag("problem", problem).register(registry);
    }

    private Counter received(String flow) {
        return Counter.builder("sisbridge.records.received").description("Records received from upstream or a dropped file")
                .tag("flow", flow).register(registry);
    }

    private Counter stored(String flow) {
        return Counter.builder("sisbridge.records.stored").description("Records newly written to the staging tables")
                .tag("flow", flow).register(registry);
    }

    private Counter duplicates(String flow) {
        return Counter.builder("sisbridge.records.duplicate").description("Records received again and skipped (already staged)")
                .tag("flow", flow).register(registry);
    }

    private Timer latency(String flow) {
        return Timer.builder("sisbridge.batch.latency").description("Time to stage one batch (events page, report, roster batch)")
                .tag("flow", flow).register(registry);
    }
}
