package org.sisbridge.watch;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.sisbridge.runtime.FlowActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route whose consumer cannot start (an unmounted inbox, say) no longer stops the agent: Camel's
 * supervising route controller (camel.routecontroller.*) starts the other routes and retries that one
 * with backoff. This notifier gives each failed attempt one log line and a state on the status page
 * (flow = the route id, scope {@value #SCOPE}); the route's next successful run replaces it.
 */
public class RouteStartFailures extends EventNotifierSupport {

    /** The status page's scope of a route that could not start. */
    public static final String SCOPE = "route start";

    private static final Logger LOG = LoggerFactory.getLogger(RouteStartFailures.class);

    private final FlowActivity activity;

    public RouteStartFailures(FlowActivity activity) {
        this.activity = activity;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteRestartingFailureEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.RouteRestartingFailureEvent failed = (CamelEvent.RouteRestartingFailureEvent) event;
        String route = failed.getRoute().getRouteId();
        Throwable cause = failed.getCause();
        String why = cause == null ? "unknown cause" : cause.getMessage() != null ? cause.getMessage() : cause.toString();
        String message = "route " + route + " could not start (attempt " + failed.getAttempt() + "): " + why
                + (failed.isExhausted() ? "; no more attempts, restart the agent once it is fixed"
                : "; the other flows run, this one is tried again with backoff");
        LOG.warn("{}", message);
        activity.failure(route, SCOPE, message);
    }
}
