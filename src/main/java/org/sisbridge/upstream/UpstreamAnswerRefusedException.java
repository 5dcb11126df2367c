package org.sisbridge.upstream;

import java.io.IOException;

/**
 * An upstream answer cut off by its bound: more bytes than allowed, or not complete by its
 * deadline. An IOException, because it is thrown from inside a read and must pass through JSON
 * parsers and copy loops unchanged; {@link #asUpstreamFailure} turns it into the failure the error
 * policy acts on.
 */
public class UpstreamAnswerRefusedException extends IOException {

    private final boolean tooLarge;

    private UpstreamAnswerRefusedException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public static UpstreamAnswerRefusedException tooLarge(String message) {
        return new UpstreamAnswerRefusedException(message, true);
    }

    public static UpstreamAnswerRefusedException tooSlow(String message) {
        return new UpstreamAnswerRefusedException(message, false);
    }

    public boolean tooLarge() {
        return tooLarge;
    }

    /**
     * Throws the failure the error policy acts on. Too large: the same request would get the same
     * answer, so the poll stops without retries (the next poll asks again). Too slow: retried with
     * backoff, like a timeout.
     */
    public void rethrowAsUpstreamFailure() throws UpstreamPermanentException, UpstreamTransientException {
        if (tooLarge) {
            throw new UpstreamPermanentException(getMessage());
        }
        throw new UpstreamTransientException(getMessage());
    }

    /** Rethrows {@code failure} as an upstream failure when a bound cut it; returns when it is some other failure. */
    public static void rethrowIfBound(Throwable failure) throws UpstreamPermanentException, UpstreamTransientException {
        UpstreamAnswerRefusedException refused = find(failure);
        if (refused != null) {
            refused.rethrowAsUpstreamFailure();
        }
    }

    /** The bound this failure, or one of its causes, hit; null when it is no such failure. */
    public static UpstreamAnswerRefusedException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UpstreamAnswerRefusedException refused) {
                return refused;
            }
        }
        return null;
    }
}
