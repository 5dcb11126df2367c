package org.sisbridge.watch;

import io.vertx.core.net.HostAndPort;

/**
 * Who sent a management request and how, as far as the endpoint can trust it (see {@link TrustedProxies}).
 *
 * @param address the client's address: the TCP peer's, or behind a trusted proxy the one it forwarded for; always a
 *                parsed address (never header text), so it may go into a log line or a throttle key as it is
 * @param proxy the trusted proxy's address when the request came through one, else null
 * @param onThisMachine whether the client is known to be on this machine (a loopback address); what the endpoint
 *                lets through on loopback alone (no token) is for these requests only
 * @param tls whether the browser's connection was encrypted: this endpoint's own TLS, or a trusted proxy's
 *                ({@code X-Forwarded-Proto: https})
 * @param authority the host (and port) the browser asked for: the request's own, or a trusted proxy's
 *                {@code X-Forwarded-Host}; null when the request names none
 */
public record RequestClient(String address, String proxy, boolean onThisMachine, boolean tls, HostAndPort authority) {

    /** For a log line: "10.0.0.66", or "10.0.0.66 (through proxy 127.0.0.1)". */
    public String describe() {
        return proxy == null ? address : address + " (through proxy " + proxy + ")";
    }
}
