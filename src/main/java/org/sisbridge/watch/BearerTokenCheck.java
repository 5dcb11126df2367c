package org.sisbridge.watch;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a management request through only with {@code Authorization: Bearer <token>}; anything else
 * gets 401. The comparison takes the same time however much of the token a caller got right
 * (MessageDigest.isEqual over equal-length SHA-256 digests), so the token cannot be guessed byte by byte.
 */
public final class BearerTokenCheck implements AuthenticationHandler {

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    public BearerTokenCheck(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the management token is empty");
        }
        this.expected = sha256(token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (accepts(ctx.request().getHeader("Authorization"))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer realm=\"sisbridge\"")
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("401 Unauthorized: send the management token as 'Authorization: Bearer <token>'\n");
    }

    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(authorization.substring(SCHEME.length()).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
