package org.sisbridge.runtime;

import org.apache.camel.Exchange;
import org.sisbridge.staging.StagingFailure;

/**
 * For the error policy (routes/upstream-errors.yaml): where the failure in hand happened. Camel picks
 * an onException clause by the closest type among the exception and all its causes, so a driver's
 * SQLException caused by a SocketTimeoutException could still land in the clause for upstream I/O
 * errors and be retried as one. The upstream clauses therefore take only failures that did not come
 * from the staging database.
 */
public class FailureSite {

    public boolean upstream(Exchange exchange) {
        return !stagingDatabase(exchange);
    }

    public boolean stagingDatabase(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return StagingFailure.isStagingFailure(failure);
    }
}
