package org.sisbridge.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upstream call each flow and scope is in right now, with when it began and its deadline, so
 * that readiness can name a flow that is stuck: a call still running well past its deadline means
 * something the deadline should have cut did not let go. Calls end when their answer is read,
 * refused or closed, and at the latest when the flow's exchange completes.
 */
public class CallsInProgress {

    private final Clock clock;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    public CallsInProgress(Clock clock) {
        this.clock = clock;
    }

    /** @return a handle whose {@link Call#end()} removes exactly this call (not a later one of the same flow) */
    public Call begin(String flow, String scope, String what, Duration timeout, String owner) {
        Instant now = clock.instant();
        Call call = new Call(flow, scope, what, now, now.plus(timeout), owner, this);
        calls.put(flow + "/" + scope, call);
        return call;
    }

    /** Ends every call begun by that owner (an exchange id): its flow is done, whatever it read. */
    public void endAllOf(String owner) {
        calls.values().removeIf(c -> c.owner().equals(owner));
    }

    /** Calls past their deadline by more than {@code grace}, oldest first. */
    public List<Call> stuck(Duration grace) {
        Instant now = clock.instant();
        return calls.values().stream().filter(c -> now.isAfter(c.deadline().plus(grace)))
                .sorted((a, b) -> a.since().compareTo(b.since())).toList();
    }

    public record Call(String flow, String scope, String what, Instant since, Instant deadline, String owner,
                       CallsInProgress registry) {

        public void end() {
            registry.calls.remove(flow + "/" + scope, this);
        }
    }
}
