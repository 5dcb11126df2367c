package org.sisbridge.staff.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing without letting a guesser lock a staff user out. Failed logins are counted three
 * ways, each with its own free failures, after which every further try must wait a lockout that doubles with each
 * failure (login-lockout-base-seconds, at most login-lockout-max-seconds):
 * <ul>
 * <li>per user name from one remote address (login-free-failures): guesses at one user from one computer. It keeps
 * that computer waiting, not the user at another one: failures were once counted per name from anywhere, so whoever
 * reached the login form could lock a named user out by typing wrong passwords for that name;</li>
 * <li>per remote address, whatever the names (login-address-free-failures): one computer trying many names;</li>
 * <li>per user name from all addresses together (login-user-free-failures, much higher): guesses at one user spread
 * over many computers. It does not hold back an address the name has logged in from before, so such a spread
 * slows the guessers without locking the user out of their own computer.</li>
 * </ul>
 * While a count says wait, a login is refused before the password is even checked; a login being checked counts as a
 * failure already ({@link #attempt}). A success clears its name's, its address's and its pair's counts. Every count
 * and the remembered logins are capped at login-throttle-max-keys each, the least recently failed forgotten first, and
 * a name longer than any user's is counted as one name, so a flood of random names or addresses holds a bounded heap.
 */
public final class LoginThrottle {

    /** What a login must still wait, and whose failures make it wait (for the log line and the login page). */
    public record Wait(Duration time, Whose whose) {
        static final Wait NONE = new Wait(Duration.ZERO, null);

        public boolean isZero() {
            return time.isZero();
        }

        Wait longer(Duration other, Whose otherWhose) {
            return other.compareTo(time) > 0 ? new Wait(other, otherWhose) : this;
        }
    }

    /** Whose failed logins a wait comes from. */
    public enum Whose {
        NAME_FROM_ADDRESS("too many failed logins for this user name from this address"),
        ADDRESS("too many failed logins from this address"),
        NAME("too many failed logins for this user name from other addresses");

        private final String says;

        Whose(String says) {
            this.says = says;
        }

        /** The reason as the log line gives it. */
        public String says() {
            return says;
        }
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    /** Failures in a row per key, the least recently failed dropped beyond the cap. Guarded by the throttle. */
    private final class Counts {
        private final int free;
        private final Map<String, Failures> byKey;

        Counts(int free) {
            this.free = free;
            this.byKey = capped();
        }

        Duration remaining(String key, Instant now) {
            Failures f = byKey.get(key);
            return f == null || !f.lockedUntil().isAfter(now) ? Duration.ZERO : Duration.between(now, f.lockedUntil());
        }

        int waiting(Instant now) {
            return (int) byKey.values().stream().filter(f -> f.lockedUntil().isAfter(now)).count();
        }

        void failed(String key, Instant now) {
            Failures f = byKey.remove(key); // put again below: the most recently failed is the last one dropped
            int count = f == null ? 1 : f.count() + 1;
            byKey.put(key, new Failures(count, now.plus(lockout(count, free))));
        }
    }

    private final Counts pairs;
    private final Counts addresses;
    private final Counts names;
    /** "name address" pairs that have logged in, the least recent dropped beyond the cap: not held back by {@link #names}. */
    private final Map<String, Instant> loggedIn;
    private final Duration base;
    private final Duration max;
    private final int maxKeys;
    private final Clock clock;

    /**
     * @param nameFromAddressFree failures of one name from one address before it waits
     * @param addressFree failures from one address, whatever the names, before it waits
     * @param nameFree failures of one name from all addresses together before it waits (but where it has logged in)
     */
    public LoginThrottle(int nameFromAddressFree, int addressFree, int nameFree, Duration base, Duration max, int maxKeys,
            Clock clock) {
        this.base = base;
        this.max = max;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.pairs = new Counts(nameFromAddressFree);
        this.addresses = new Counts(addressFree);
        this.names = new Counts(nameFree);
        this.loggedIn = capped();
    }

    /** How long a login of this name from this address must still wait, and why; zero when it may be tried now. */
    public synchronized Wait wait(String user, String address) {
        Instant now = clock.instant();
        String name = name(user);
        String pair = pair(name, address);
        Wait wait = Wait.NONE.longer(pairs.remaining(pair, now), Whose.NAME_FROM_ADDRESS)
                .longer(addresses.remaining(address, now), Whose.ADDRESS);
        return loggedIn.containsKey(pair) ? wait : wait.longer(names.remaining(name, now), Whose.NAME);
    }

    /**
     * Starts a login: zero when it may be tried now, and then it already counts as a failure until {@link #succeeded}
     * clears it; otherwise how long to wait, and nothing is counted. Counting before the password is checked is the
     * point: bcrypt takes a quarter of a second, and a failure counted only after it let every guess sent in that
     * quarter second through (twenty simultaneous guesses were twenty checked passwords). Synchronized, so two logins
     * cannot both see the last free try.
     */
    public synchronized Wait attempt(String user, String address) {
        Wait wait = wait(user, address);
        if (wait.isZero()) {
            failed(user, address);
        }
        return wait;
    }

    public synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        String name = name(user);
        pairs.failed(pair(name, address), now);
        addresses.failed(address, now);
        names.failed(name, now);
    }

    public synchronized void succeeded(String user, String address) {
        String name = name(user);
        String pair = pair(name, address);
        pairs.byKey.remove(pair);
        addresses.byKey.remove(address);
        names.byKey.remove(name);
        loggedIn.remove(pair);
        loggedIn.put(pair, clock.instant());
    }

    /** How many of each count make logins wait now: for the IT status page, which shows a guessing attack while it lasts. */
    public record Waiting(int nameFromAddress, int addresses, int names) {
        public boolean none() {
            return nameFromAddress + addresses + names == 0;
        }
    }

    public synchronized Waiting waiting() {
        Instant now = clock.instant();
        return new Waiting(pairs.waiting(now), addresses.waiting(now), names.waiting(now));
    }

    /** Keys of each kind held at once (each capped at login-throttle-max-keys). */
    synchronized int largestCount() {
        return Math.max(Math.max(pairs.byKey.size(), addresses.byKey.size()), Math.max(names.byKey.size(), loggedIn.size()));
    }

    /** No lockout before the free failures are used up; then base, 2 x base, 4 x base ... up to max. */
    Duration lockout(int failuresInARow, int free) {
        int over = failuresInARow - free + 1;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration d = base.multipliedBy(1L << Math.min(over - 1, 30));
        return d.compareTo(max) > 0 ? max : d;
    }

    /** A typed name as counted: one longer than any user name can be is no user's, and all such count as one. */
    private static String name(String user) {
        return user.length() > StaffUsers.MAX_NAME_CHARS ? "" : user;
    }

    private static String pair(String name, String address) {
        return name + " " + address; // an address has no space, so no two pairs read alike
    }

    /** An insertion-ordered map that drops its first entry beyond maxKeys. */
    private <V> Map<String, V> capped() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxKeys;
            }
        };
    }
}
