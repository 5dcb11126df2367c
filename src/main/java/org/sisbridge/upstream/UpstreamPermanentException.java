package org.sisbridge.upstream;

/** A 403 or other 4xx: retrying the same request cannot help, a person has to act. */
public class UpstreamPermanentException extends Exception {

    public UpstreamPermanentException(String message) {
        super(message);
    }
}
