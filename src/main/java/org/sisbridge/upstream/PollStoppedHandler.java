package org.sisbridge.upstream;

import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.LoggingExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception handler of the flows' schedulers (routes/poll-mis-codes.yaml). A stop of the agent
 * during a retry's wait ends the wait (allowRedeliveryWhileStopping: false, routes/upstream-errors.yaml),
 * and Camel then fails the poll with "Redelivery not allowed while stopping" past the flow's own error
 * policy, which the scheduler logged as a WARN with a stack trace. That is the poll ending by shutdown:
 * one line. Anything else is logged as Camel's own handler does.
 */
public class PollStoppedHandler implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PollFailureRecorder.class);

    private final ExceptionHandler otherwise;

    public PollStoppedHandler(org.apache.camel.CamelContext context) {
        this.otherwise = new LoggingExceptionHandler(context, PollStoppedHandler.class);
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception instanceof RejectedExecutionException && exchange != null && exchange.getContext().isStopping()) {
            LOG.info("{} ended by shutdown: a retry of an upstream call was not waited for. Nothing was lost:"
                    + " the next start goes on from the last commit.", exchange.getFromRouteId());
            return;
        }
        otherwise.handleException(message, exchange, exception);
    }
}
