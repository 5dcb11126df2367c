package org.sisbridge.simulator;

/**
 * The random HTTP faults of the events API. Request n's fault is a pure function of (seed, n), so
 * a run with the same seed and the same request order misbehaves the same way.
 */
final class HttpMisbehaviour {
    private final long seed;
    private final SimulatorSettings settings;

    HttpMisbehaviour(SimulatorSettings settings) {
        this.seed = settings.seed;
        this.settings = settings;
    }

    InjectedFault decide(long requestNumber) {
        double u = FeedHash.unit(FeedHash.of(seed, FeedHash.HTTP_ERROR, requestNumber));
        boolean slow = FeedHash.unit(FeedHash.of(seed, FeedHash.HTTP_SLOW, requestNumber)) < settings.slowResponseRate;
        long delay = slow ? settings.slowResponseMillis : 0;
        int status = 0;
        int retryAfter = 0;
        if (u < settings.http500Rate) {
            status = 500;
        } else if (u < settings.http500Rate + settings.http503Rate) {
            status = 503;
            retryAfter = settings.retryAfterSeconds;
        } else if (u < settings.http500Rate + settings.http503Rate + settings.http429Rate) {
            status = 429;
            retryAfter = settings.retryAfterSeconds;
        }
        return status == 0 && delay == 0 ? InjectedFault.NONE : new InjectedFault(status, retryAfter, delay);
    }
}
