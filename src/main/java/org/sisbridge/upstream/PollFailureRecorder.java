package org.sisbridge.upstream;

import org.apache.camel.Exchange;
import org.sisbridge.runtime.FlowActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a poll that failed for good: one plain log line saying what happened and that
 * nothing was lost (the cursor stays at the last committed page), and a note for the statistics.
 */
public class PollFailureRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(PollFailureRecorder.class);

    private final FlowActivity activity;

    public PollFailureRecorder(FlowActivity activity) {
        this.activity = activity;
    }

    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String flow = exchange.getProperty("flow", "unknown flow", String.class);
        String mis = exchange.getProperty("misCode", "?", String.class);
        String message = cause == null ? "unknown failure" : describe(cause);
        LOG.error("{} poll for MIS {} stopped: {}. Nothing was lost: only committed work counts as done,"
                        + " and the next poll starts again from there.", flow, mis, message);
        activity.failure(flow, mis, message);
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
        if (cause instanceof java.sql.SQLException sql) {
            // database messages can quote the row's values: keep the error, mask the quoted parts
            return "staging database error (SQLState " + sql.getSQLState() + ", code " + sql.getErrorCode() + "): "
                    + String.valueOf(sql.getMessage()).replaceAll("'[^']*'", "'***'").lines().findFirst().orElse("");
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
