package org.sisbridge.staff.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in staff, in memory only (a restart logs everyone out): a random 256-bit id per login, which
 * ends after sisbridge.watch.session-timeout-minutes without a request, at logout, or
 * sisbridge.watch.session-max-hours after the login however busy it is (a page left open on a shared
 * front-desk screen that refreshes itself would otherwise stay logged in for good). At most
 * sisbridge.watch.max-sessions live at once; beyond that the oldest is dropped, so a flood of logins
 * cannot fill the memory.
 */
public final class StaffSessions {

    /** @param hash the user's password hash at login: a session ends when the users file no longer has it */
    public record Session(String id, String user, String hash, Instant openedAt, Instant lastSeen) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration timeout;
    private final Duration lifetime;
    private final int max;
    private final Clock clock;

    /** @param timeout idle time that ends a session; @param lifetime time since the login that ends it */
    public StaffSessions(Duration timeout, Duration lifetime, int max, Clock clock) {
        this.timeout = timeout;
        this.lifetime = lifetime;
        this.max = max;
        this.clock = clock;
    }

    public Duration timeout() {
        return timeout;
    }

    public synchronized String open(String user, String hash) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= max) {
            sessions.values().stream().min(java.util.Comparator.comparing(Session::lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, new Session(id, user, hash, now, now));
        return id;
    }

    /** The live session of that id, its idle time restarted; empty for an unknown, ended or timed-out one. */
    public Optional<Session> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.get(id);
        if (found == null) {
            return Optional.empty();
        }
        if (expired(found, now)) {
            sessions.remove(id, found);
            return Optional.empty();
        }
        Session renewed = new Session(id, found.user(), found.hash(), found.openedAt(), now);
        sessions.replace(id, found, renewed);
        return Optional.of(renewed);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return !s.lastSeen().plus(timeout).isAfter(now) || !s.openedAt().plus(lifetime).isAfter(now);
    }
}
