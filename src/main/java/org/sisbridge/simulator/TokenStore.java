package org.sisbridge.simulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issued access tokens and when they really stop working, which may be earlier than the
 * expires_in the token response advertises (to test clients that trust expires_in blindly).
 */
final class TokenStore {
    private static final int PRUNE_ABOVE = 1000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiresAtNanos = new ConcurrentHashMap<>();
    private final long lifetimeNanos;

    TokenStore(int actualLifetimeSeconds) {
        this.lifetimeNanos = actualLifetimeSeconds * 1_000_000_000L;
    }

    String issue() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = System.nanoTime();
        if (expiresAtNanos.size() > PRUNE_ABOVE) {
            expiresAtNanos.values().removeIf(expiry -> expiry - now <= 0);
        }
        expiresAtNanos.put(token, now + lifetimeNanos);
        return token;
    }

    boolean isValid(String token) {
        Long expiry = token == null ? null : expiresAtNanos.get(token);
        return expiry != null && System.nanoTime() - expiry < 0;
    }

    void revokeAll() {
        expiresAtNanos.clear();
    }
}
