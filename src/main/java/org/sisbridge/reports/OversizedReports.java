package org.sisbridge.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Report versions (id + sha256) whose download was larger than their listing allows, and when each
 * may be downloaded again. Each such refusal costs a download up to that bound; without a wait the
 * same oversized report would cost it again on every poll, forever. The wait starts at one poll
 * interval and doubles with every refusal, up to sisbridge.reports.oversized-retry-max-ms. Kept in
 * memory: a restart tries once more at once, which is what an operator who restarts wants.
 */
public class OversizedReports {

    private final Clock clock;
    private final Duration firstWait;
    private final Duration maxWait;
    private final Map<String, Wait> waits = new ConcurrentHashMap<>();

    public OversizedReports(Clock clock, Duration firstWait, Duration maxWait) {
        this.clock = clock;
        this.firstWait = firstWait;
        this.maxWait = maxWait;
    }

    /** One more refusal for size: @return the wait until the next download */
    public Wait refused(ReportListing report) {
        return waits.compute(key(report), (k, old) -> {
            int refusals = old == null ? 1 : old.refusals() + 1;
            Duration wait = firstWait.multipliedBy(1L << Math.min(refusals - 1, 30));
            if (wait.compareTo(maxWait) > 0 || wait.isNegative()) {
                wait = maxWait;
            }
            return new Wait(refusals, clock.instant().plus(wait));
        });
    }

    /** @return the wait this report version is still in, if any */
    public Optional<Wait> waiting(ReportListing report) {
        Wait wait = waits.get(key(report));
        return wait != null && clock.instant().isBefore(wait.until()) ? Optional.of(wait) : Optional.empty();
    }

    /** The version downloaded within its bound at last: no more waits for it. */
    public void forget(ReportListing report) {
        waits.remove(key(report));
    }

    private static String key(ReportListing report) {
        return report.reportId() + "/" + report.sha256();
    }

    public record Wait(int refusals, Instant until) {
    }
}
