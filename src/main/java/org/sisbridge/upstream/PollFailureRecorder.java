package org.sisbridge.upstream;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.StagingFailure;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.watch.FlowMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a poll that failed for good: one plain log line saying what happened, where (the
 * upstream API or the staging database, named by its URL) and that nothing was lost (the cursor stays
 * at the last committed page), the failure on the status page and the flow-run table, and a count
 * in {@code sisbridge_poll_failures_total}.
 */
public class PollFailureRecorder {

    public static final String UPSTREAM = "upstream";
    public static final String STAGING_DATABASE = "staging-database";

    private static final Logger LOG = LoggerFactory.getLogger(PollFailureRecorder.class);
    private static final int MAX_DATABASE_MESSAGE = 300;

    private final FlowActivity activity;
    private final StagingSettings staging;
    private final Supplier<FlowMetrics> metrics;

    /** @param metrics looked up when a failure happens: the meters are bound after this bean */
    public PollFailureRecorder(FlowActivity activity, StagingSettings staging, Supplier<FlowMetrics> metrics) {
        this.activity = activity;
        this.staging = staging;
        this.metrics = metrics;
    }

    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String flow = exchange.getProperty("flow", "unknown flow", String.class);
        String mis = exchange.getProperty("misCode", String.class);
        // the drop folders and the results schedule work for every college at once
        String scope = mis == null ? "all" : mis;
        String poll = mis == null ? flow + " run" : flow + " poll for MIS " + mis;
        boolean database = StagingFailure.isStagingFailure(cause);
        String message = cause == null ? "unknown failure" : database ? describeDatabaseFailure(cause) : describe(cause);
        if (exchange.getContext().isStopping()) {
            // the shutdown cut the poll short (a paused load, a retry not waited for): expected, not an error
            LOG.info("{} ended by shutdown: {}. Nothing was lost: the next start goes on from the last commit.", poll, message);
            return;
        }
        LOG.error("{} stopped: {}. Nothing was lost: only committed work counts as done,"
                        + " and the next poll starts again from there.", poll, message);
        if (database) {
            // the database is what failed: the flow-run row may not be writable now, the status page still shows it
            activity.failureOfDatabase(flow, scope, message);
        } else {
            activity.failure(flow, scope, message);
        }
        FlowMetrics meters = metrics.get();
        if (meters != null) {
            meters.pollFailure(flow, database ? STAGING_DATABASE : UPSTREAM);
        }
    }

    private String describeDatabaseFailure(Throwable cause) {
        SQLException sql = StagingFailure.sqlException(cause);
        if (sql instanceof java.sql.SQLTransientConnectionException && String.valueOf(sql.getMessage())
                .contains("Connection is not available")) {
            // the pool's own timeout: HikariCP gives it the SQLState of the last failed connect (MariaDB's can
            // read 42000, "syntax error or access violation"), which would send a reader the wrong way
            return "the staging database " + StagingFailure.describeDatabase(staging) + " gave no connection within "
                    + staging.connectionTimeoutMs() + " ms (sisbridge.staging.connection-timeout-ms): the server is down,"
                    + " hangs, or refuses new connections" + (sql.getCause() == null ? ""
                    : "; last connect failure: " + sql.getCause().getClass().getSimpleName() + ": "
                            + firstLineMasked(sql.getCause().getMessage()));
        }
        String what = sql == null ? String.valueOf(cause.getMessage())
                // database messages can quote the row's values: keep the error, mask the quoted parts
                : "SQLState " + sql.getSQLState() + ", code " + sql.getErrorCode() + ": " + firstLineMasked(sql.getMessage());
        if (what.length() > MAX_DATABASE_MESSAGE) {
            // a failed batch quotes its whole statement; the driver's reason is at the end
            what = what.substring(0, MAX_DATABASE_MESSAGE / 2) + " ... " + what.substring(what.length() - MAX_DATABASE_MESSAGE / 2);
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String underneath = root instanceof SQLException || root == cause ? ""
                : "; underneath: " + root.getClass().getSimpleName() + ": " + root.getMessage();
        return "the staging database " + StagingFailure.describeDatabase(staging) + " failed (" + what + underneath + ")";
    }

    /** A database message's first line, its quoted parts masked: they can quote the row's values. */
    private static String firstLineMasked(String message) {
        return String.valueOf(message).replaceAll("'[^']*'", "'***'").lines().findFirst().orElse("");
    }

    private static String describe(Throwable cause) {
        // an API call (not the token request) that met an untrusted certificate arrives as a plain I/O error
        var untrusted = UntrustedCertificate.explain(cause);
        if (untrusted.isPresent()) {
            return untrusted.get();
        }
        if (cause instanceof UpstreamPermanentException || cause instanceof UpstreamTransientException
                || cause instanceof UpstreamAuthExpiredException) {
            return cause.getMessage();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
