package org.sisbridge.upstream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One readable line before each retry of an upstream call: which call, which attempt, and why. INFO,
 * not WARN: a retry is the policy working; if the retries do not cure it, the poll's failure is the
 * one WARN/ERROR line (PollFailureRecorder), so an alert on WARN and above fires once per failed poll.
 */
public class UpstreamRetryLog implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRetryLog.class);

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        int max = exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER, 0, Integer.class);
        LOG.info("Retrying {} for MIS {} (retry {} of {}): {}", exchange.getProperty("flow", "upstream call", String.class),
                exchange.getProperty("misCode", "?", String.class), attempt, max,
                cause == null ? "unknown failure" : cause.getMessage());
    }
}
