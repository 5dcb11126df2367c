package org.sisbridge.reconcile;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.sisbridge.roster.BulkJobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The match-only batch calls through routes/reconcile.yaml, so they get the upstream error policy
 * (retries with backoff, one line and a state on the status page per failure) and the roster flow's
 * job polling with backoff. A failure the policy handled comes back here as "stopped" (null).
 */
public final class CamelReconcileUpstream implements ReconcileUpstream {

    private static final Logger LOG = LoggerFactory.getLogger(CamelReconcileUpstream.class);

    private final CamelContext context;
    private ProducerTemplate template;

    public CamelReconcileUpstream(CamelContext context) {
        this.context = context;
    }

    @Override
    public String submit(String misCode, String batchId, byte[] body) {
        Exchange done = send("direct:reconcile-submit", misCode, batchId, null, body);
        return done == null ? null : done.getMessage().getBody(String.class);
    }

    @Override
    public BulkJobStatus await(String misCode, String batchId, String jobId) {
        Exchange done = send("direct:reconcile-await", misCode, batchId, jobId, null);
        if (done == null) {
            return null;
        }
        BulkJobStatus job = done.getProperty("job", BulkJobStatus.class);
        if (job == null || !job.finished()) {
            LOG.info("Reconcile batch {} (job {}) for MIS {} is still {}; polled again on the next run", batchId, jobId, misCode,
                    done.getProperty("jobStatus", "PENDING", String.class));
            return null;
        }
        return job;
    }

    private Exchange send(String endpoint, String misCode, String batchId, String jobId, byte[] body) {
        Exchange done = template().send(endpoint, e -> {
            e.setProperty("flow", ReconcileRunner.FLOW);
            e.setProperty("misCode", misCode);
            e.setProperty("batchId", batchId);
            e.setProperty("jobId", jobId);
            e.setProperty("requestBody", body);
        });
        if (done.getException() != null) {
            throw RuntimeCamelException.wrapRuntimeException(done.getException());
        }
        // the error policy handled the failure: its line is logged and the status page shows it
        return done.getProperty(Exchange.EXCEPTION_CAUGHT) != null || done.isRouteStop() ? null : done;
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }
}
