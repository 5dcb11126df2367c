package org.sisbridge.staff.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per user name and per remote address separately: after
 * sisbridge.watch.login-free-failures failed logins in a row, each further attempt must wait a
 * lockout that doubles with every failure (login-lockout-base-seconds, at most login-lockout-max-seconds).
 * While locked out, a login is refused before the password is even checked; a login being checked counts as a
 * failure already ({@link #attempt}). A success clears the
 * user's and the address's count. Tracked keys are capped (login-throttle-max-keys): past that the
 * oldest are forgotten, so random names cannot exhaust memory.
 */
public final class LoginThrottle {

    private record Failures(int count, Instant lockedUntil, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final int freeFailures;
    private final Duration base;
    private final Duration max;
    private final int maxKeys;
    private final Clock clock;

    public LoginThrottle(int freeFailures, Duration base, Duration max, int maxKeys, Clock clock) {
        this.freeFailures = freeFailures;
        this.base = base;
        this.max = max;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** How long the user or the address must still wait; zero when a login may be tried now. */
    public Duration wait(String user, String address) {
        Instant now = clock.instant();
        Duration a = remaining(failures.get("user:" + user), now);
        Duration b = remaining(failures.get("addr:" + address), now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Starts a login: zero when it may be tried now, and then it already counts as a failure until {@link #succeeded}
     * clears it; otherwise how long to wait, and nothing is counted. Counting before the password is checked is the
     * point: bcrypt takes a quarter of a second, and a failure counted only after it let every guess sent in that
     * quarter second through (twenty simultaneous guesses were twenty checked passwords). Synchronized, so two logins
     * cannot both see the last free try.
     */
    public synchronized Duration attempt(String user, String address) {
        Duration wait = wait(user, address);
        if (wait.isZero()) {
            failed(user, address);
        }
        return wait;
    }

    public synchronized void failed(String user, String address) {
        record("user:" + user);
        record("addr:" + address);
    }

    public void succeeded(String user, String address) {
        failures.remove("user:" + user);
        failures.remove("addr:" + address);
    }

    private void record(String key) {
        Instant now = clock.instant();
        if (failures.size() >= maxKeys && !failures.containsKey(key)) {
            failures.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Failures::last)))
                    .ifPresent(oldest -> failures.remove(oldest.getKey()));
        }
        failures.compute(key, (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            return new Failures(count, now.plus(lockout(count)), now);
        });
    }

    /** No lockout before the free failures are used up; then base, 2 x base, 4 x base ... up to max. */
    Duration lockout(int failuresInARow) {
        int over = failuresInARow - freeFailures + 1;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration d = base.multipliedBy(1L << Math.min(over - 1, 30));
        return d.compareTo(max) > 0 ? max : d;
    }

    private static Duration remaining(Failures f, Instant now) {
        if (f == null || !f.lockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.lockedUntil());
    }
}
