package org.sisbridge.upstream;

/** A failure worth retrying with backoff: 5xx, 429, a truncated or garbled response. */
public class UpstreamTransientException extends Exception {

    public UpstreamTransientException(String message) {
        super(message);
    }
}
