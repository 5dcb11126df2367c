package org.sisbridge.watch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.sisbridge.runtime.CallsInProgress;

/**
 * Readiness: no flow is stuck in an upstream call. Every call has a deadline that cuts it off; one
 * still running more than {@code grace} past it means something did not let go (a hung read the
 * deadline could not reach, say), and that flow does no work until it does. DOWN names the flow,
 * its scope and the call, so the operator knows which flow to look at; it is UP again as soon as
 * the call ends.
 */
public class StuckCallsHealthCheck extends AbstractHealthCheck {

    private final CallsInProgress calls;
    private final Duration grace;

    public StuckCallsHealthCheck(CallsInProgress calls, Duration grace) {
        super("sisbridge", "upstream-calls");
        this.calls = calls;
        this.grace = grace;
    }

    @Override
    public boolean isLiveness() {
        // not liveness: a restart would lose nothing, but neither would it mend an upstream that hangs
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<CallsInProgress.Call> stuck = calls.stuck(grace);
        if (stuck.isEmpty()) {
            builder.up();
            return;
        }
        builder.down().message(stuck.stream().map(c -> "flow " + c.flow() + " (" + c.scope() + ") stuck in "
                + c.what() + " since " + c.since() + ", past its deadline " + c.deadline())
                .collect(Collectors.joining("; ")));
    }
}
