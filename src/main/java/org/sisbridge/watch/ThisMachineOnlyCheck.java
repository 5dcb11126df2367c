package org.sisbridge.watch;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;

/**
 * Without a management token the endpoint may only be bound to loopback, and the status page, status.json and
 * /observe/* then answer without one: only this machine's users can reach them. A reverse proxy on this machine
 * (sisbridge.watch.trusted-proxies) connects from loopback for clients anywhere on the network, so this check, installed
 * in place of the token check while there is no token and the list is not empty, lets through only requests whose
 * client is on this machine, and tells a forwarded one (403) that reaching these paths through the proxy takes a token.
 */
final class ThisMachineOnlyCheck implements AuthenticationHandler {

    private final TrustedProxies proxies;

    ThisMachineOnlyCheck(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (proxies.client(ctx.request()).onThisMachine()) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("403 Forbidden: without a management token this endpoint answers only on this machine; to reach it"
                        + " through a proxy set a token (sisbridge.watch.token-env or sisbridge.watch.token-file)\n");
    }
}
