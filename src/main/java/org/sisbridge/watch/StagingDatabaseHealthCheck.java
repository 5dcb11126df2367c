package org.sisbridge.watch;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the staging database answers. Borrows a pooled connection and asks the driver whether
 * it is still valid, so it fails when the server is down, refuses connections or the pool is broken.
 *
 * <p>A server that hangs instead of refusing (a dead host, a full firewall table) would keep the
 * pool waiting for its whole connection timeout (30 s by default), longer than a monitor's probe
 * waits. So the probe runs on a thread of its own and readiness answers DOWN once
 * sisbridge.watch.health-timeout-ms has passed; while that probe is still hanging, later calls wait
 * on the same probe rather than start another, so a hung database never piles up threads.
 */
public class StagingDatabaseHealthCheck extends AbstractHealthCheck {

    private static final int VALID_TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;
    private final ExecutorService probes;
    private final Duration answerWithin;
    private Future<String> probe;

    /**
     * @param probes       a single-threaded executor (from Camel's ExecutorServiceManager, so it stops with Camel)
     * @param answerWithin how long a call waits for the probe before it says DOWN
     */
    public StagingDatabaseHealthCheck(DataSource dataSource, ExecutorService probes, Duration answerWithin) {
        super("sisbridge", "staging-database");
        this.dataSource = dataSource;
        this.probes = probes;
        this.answerWithin = answerWithin;
    }

    @Override
    public boolean isLiveness() {
        // a database outage makes the agent not ready, it does not make a restart useful
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Future<String> current = currentProbe();
        try {
            String problem = current.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
            if (problem == null) {
                builder.up();
            } else {
                builder.down().message(problem);
            }
        } catch (TimeoutException e) {
            builder.down().message("the staging database did not answer within " + answerWithin.toMillis() + " ms");
        } catch (ExecutionException e) {
            builder.down().message("the staging database check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("the staging database check was interrupted");
        }
    }

    /** The probe still running, or a new one. */
    private synchronized Future<String> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = probes.submit(this::problem);
        }
        return probe;
    }

    /** @return null when the database answers, else what is wrong */
    private String problem() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_TIMEOUT_SECONDS) ? null
                    : "the staging database did not answer within " + VALID_TIMEOUT_SECONDS + " s";
        } catch (Exception e) {
            return "the staging database is not reachable: " + e.getMessage();
        }
    }
}
