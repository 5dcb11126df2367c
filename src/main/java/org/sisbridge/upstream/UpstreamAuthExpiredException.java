package org.sisbridge.upstream;

/** 401 on an API call: the token expired or was revoked. Retried once, with a new token. */
public class UpstreamAuthExpiredException extends Exception {

    public UpstreamAuthExpiredException(String message) {
        super(message);
    }
}
