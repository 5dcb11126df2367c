package org.sisbridge.staff.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file, sessions and the login throttle, each on its own (a clock moved by hand). */
class StaffLoginPartsTest {

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-10T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void usersFileHoldsBcryptHashesOwnerOnlyAndVerifiesOnlyTheRightPassword() throws Exception {
        Path file = dir.resolve("config/staff-users");
        StaffUsers users = new StaffUsers(file, 4);
        users.put("ana", "correct horse".toCharArray());
        users.put("ben.o@college.edu", "battery staple".toCharArray());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String text = Files.readString(file);
        assertThat(text).contains("ana:$2y$04$").doesNotContain("correct horse");
        assertThat(users.verify("ana", "correct horse".toCharArray())).isTrue();
        assertThat(users.verify("ana", "battery staple".toCharArray())).isFalse();
        assertThat(users.verify("nobody", "correct horse".toCharArray())).isFalse();
        assertThat(users.names()).containsExactly("ana", "ben.o@college.edu");

        users.put("ana", "new one".toCharArray());
        assertThat(users.verify("ana", "correct horse".toCharArray())).isFalse();
        assertThat(users.verify("ana", "new one".toCharArray())).isTrue();
        assertThat(users.remove("ana")).isTrue();
        assertThat(users.remove("ana")).isFalse();
        assertThat(users.names()).containsExactly("ben.o@college.edu");
        assertThat(Files.list(file.getParent())).as("no temporary file left").hasSize(1);

        assertThatThrownBy(() -> users.put("bad name", "x".toCharArray())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.put("carl", "x".repeat(73).toCharArray())).hasMessageContaining("72 bytes");
        assertThat(new StaffUsers(dir.resolve("absent"), 4).verify("ana", "x".toCharArray())).isFalse();
    }

    @Test
    void sessionsEndAfterTheIdleTimeoutAtLogoutAndBeyondTheCap() {
        HandClock clock = new HandClock();
        StaffSessions sessions = new StaffSessions(Duration.ofMinutes(30), Duration.ofHours(12), 2, clock);
        String a = sessions.open("ana", "hash-ana");
        assertThat(a).hasSize(43); // 256 bits, base64url
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.touch(a)).get().extracting(StaffSessions.Session::user).isEqualTo("ana");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.touch(a)).as("touched 29 min ago").isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(sessions.touch(a)).as("idle 30 min").isEmpty();

        String b = sessions.open("ben", "hash-ben");
        sessions.close(b);
        assertThat(sessions.touch(b)).isEmpty();
        assertThat(sessions.touch("made-up")).isEmpty();
        assertThat(sessions.touch(null)).isEmpty();

        String c1 = sessions.open("c1", "hash-c1");
        clock.now = clock.now.plusSeconds(1);
        String c2 = sessions.open("c2", "hash-c2");
        clock.now = clock.now.plusSeconds(1);
        sessions.open("c3", "hash-c3");
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.touch(c1)).as("oldest dropped at the cap").isEmpty();
        assertThat(sessions.touch(c2)).isPresent();
    }

    @Test
    void aSessionInUseAllTheTimeStillEndsItsLifetimeAfterTheLogin() {
        HandClock clock = new HandClock();
        StaffSessions sessions = new StaffSessions(Duration.ofMinutes(30), Duration.ofHours(12), 10, clock);
        String id = sessions.open("ana", "hash-ana");
        for (int minutes = 10; minutes < 12 * 60; minutes += 10) { // a page that refreshes itself every 10 minutes
            clock.now = clock.now.plus(Duration.ofMinutes(10));
            assertThat(sessions.touch(id)).as("%d min after the login", minutes).isPresent();
        }
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(sessions.touch(id)).as("12 h after the login").isEmpty();
    }

    @Test
    void throttleLocksOutANameFromAnAddressAfterTheFreeFailuresDoublingUpToTheMax() {
        HandClock clock = new HandClock();
        LoginThrottle throttle = throttle(3, 10, 30, Duration.ofSeconds(10), 100, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.wait("ana", "10.0.0.1").time()).isZero();
            throttle.failed("ana", "10.0.0.1");
        }
        assertThat(throttle.wait("ana", "10.0.0.1")).as("the name from that address")
                .isEqualTo(twoSeconds(LoginThrottle.Whose.NAME_FROM_ADDRESS));
        assertThat(throttle.wait("ana", "10.0.0.9").time()).as("the name from another address").isZero();
        assertThat(throttle.wait("ben", "10.0.0.1").time()).as("another name from that address").isZero();
        clock.now = clock.now.plusSeconds(2);
        assertThat(throttle.wait("ana", "10.0.0.1").time()).isZero();
        assertThat(throttle.lockout(2, 3)).isZero();
        assertThat(throttle.lockout(4, 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.lockout(5, 3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.lockout(60, 3)).isEqualTo(Duration.ofSeconds(10));
        throttle.succeeded("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.1");
        throttle.failed("ana", "10.0.0.1");
        assertThat(throttle.wait("ana", "10.0.0.1").time()).as("a success starts the count again").isZero();
    }

    /**
     * Wrong passwords for a name from one address keep that address waiting, not the name's user at another: failures
     * were once counted per name from anywhere, so anyone who reached the login form could lock a named user out.
     */
    @Test
    void wrongPasswordsForANameFromOneAddressDoNotLockItOutFromAnother() {
        HandClock clock = new HandClock();
        LoginThrottle throttle = defaults(clock);
        for (int i = 0; i < 12; i++) {
            clock.now = clock.now.plus(throttle.wait("alice", "10.0.0.66").time()); // the guesser waits out every lockout
            assertThat(throttle.attempt("alice", "10.0.0.66").time()).isZero();
        }
        assertThat(throttle.attempt("alice", "10.0.0.66").time()).as("the guesser").isPositive();
        assertThat(throttle.attempt("alice", "10.0.0.7").time()).as("alice at her own desk, while the guesser waits").isZero();
    }

    @Test
    void oneAddressTryingManyNamesWaitsForAnyName() {
        LoginThrottle throttle = defaults(new HandClock());
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.attempt("name-" + i, "10.0.0.66").time()).isZero();
        }
        assertThat(throttle.attempt("zed", "10.0.0.66")).as("an eleventh name from that address")
                .isEqualTo(twoSeconds(LoginThrottle.Whose.ADDRESS));
        assertThat(throttle.attempt("zed", "10.0.0.7").time()).as("from another address").isZero();
    }

    /**
     * Guesses at one name spread over many addresses, each within its own free failures, wait once the name's own
     * (higher) count is used up, except at an address the name has logged in from: there only that address's counts
     * apply, so such a spread does not lock the user out of their own computer.
     */
    @Test
    void guessesAtANameSpreadOverManyAddressesWaitExceptWhereTheNameLoggedIn() {
        HandClock clock = new HandClock();
        LoginThrottle throttle = defaults(clock);
        assertThat(throttle.attempt("alice", "10.0.0.7").time()).isZero();
        throttle.succeeded("alice", "10.0.0.7"); // her desk
        for (int i = 0; i < 15; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(throttle.attempt("alice", "10.0.1." + i).time()).isZero();
            }
        }
        assertThat(throttle.attempt("alice", "10.0.2.1")).as("a sixteenth address")
                .isEqualTo(twoSeconds(LoginThrottle.Whose.NAME));
        assertThat(throttle.attempt("bob", "10.0.2.1").time()).as("another name from there").isZero();
        assertThat(throttle.attempt("alice", "10.0.0.7").time()).as("alice at her desk").isZero();
        throttle.failed("alice", "10.0.0.7");
        throttle.failed("alice", "10.0.0.7");
        assertThat(throttle.wait("alice", "10.0.0.7")).as("her desk keeps its own count")
                .isEqualTo(twoSeconds(LoginThrottle.Whose.NAME_FROM_ADDRESS));
        clock.now = clock.now.plusSeconds(2);
        throttle.succeeded("alice", "10.0.0.7");
        assertThat(throttle.attempt("alice", "10.0.2.1").time()).as("her login starts the name's count again").isZero();
    }

    @Test
    void aLoginBeingCheckedCountsAsAFailureSoSimultaneousGuessesGetNoExtraTries() {
        HandClock clock = new HandClock();
        LoginThrottle throttle = throttle(2, 10, 30, Duration.ofSeconds(10), 100, clock);
        assertThat(throttle.attempt("ana", "10.0.0.1").time()).isZero();
        assertThat(throttle.attempt("ana", "10.0.0.1").time()).as("the second free try, while the first is being checked").isZero();
        assertThat(throttle.attempt("ana", "10.0.0.1").time()).as("no third before either answered").isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.attempt("ana", "10.0.0.1").time()).as("a refused try is not counted").isEqualTo(Duration.ofSeconds(2));
        throttle.succeeded("ana", "10.0.0.1");
        assertThat(throttle.attempt("ana", "10.0.0.1").time()).as("a success clears the count").isZero();

        LoginThrottle spread = throttle(2, 10, 2, Duration.ofSeconds(10), 100, clock);
        assertThat(spread.attempt("ana", "10.0.0.1").time()).isZero();
        assertThat(spread.attempt("ana", "10.0.0.2").time()).as("the name's second free try, while the first is being checked").isZero();
        assertThat(spread.attempt("ana", "10.0.0.3")).as("no third, from any address, before either answered")
                .isEqualTo(twoSeconds(LoginThrottle.Whose.NAME));
    }

    /** A flood of random names from random addresses holds no more than the cap of each kind; over-long names are one name. */
    @Test
    void aFloodOfNamesAndAddressesStaysWithinTheCap() {
        HandClock clock = new HandClock();
        LoginThrottle throttle = throttle(3, 10, 30, Duration.ofSeconds(900), 50, clock);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 5_000; i++) {
            String address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            throttle.attempt(Long.toString(random.nextLong(), 36), address);
            throttle.succeeded("u" + i, address);
        }
        assertThat(throttle.largestCount()).isEqualTo(50);
        for (int i = 0; i < 3; i++) {
            throttle.attempt("x".repeat(65 + i), "10.9.9.9");
        }
        assertThat(throttle.wait("y".repeat(4000), "10.9.9.9").whose()).as("every name longer than a user's counts as one")
                .isEqualTo(LoginThrottle.Whose.NAME_FROM_ADDRESS);
        assertThat(throttle.wait("y".repeat(StaffUsers.MAX_NAME_CHARS), "10.9.9.9").time()).isZero();
    }

    /** The first lockout (base 2 s), because of whose failures */
    private static LoginThrottle.Wait twoSeconds(LoginThrottle.Whose whose) {
        return new LoginThrottle.Wait(Duration.ofSeconds(2), whose);
    }

    /** The shipped free failures (3 per name from an address, 10 per address, 30 per name) and longest lockout */
    private static LoginThrottle defaults(Clock clock) {
        return throttle(3, 10, 30, Duration.ofSeconds(900), 100, clock);
    }

    private static LoginThrottle throttle(int nameFromAddressFree, int addressFree, int nameFree, Duration max, int maxKeys,
            Clock clock) {
        return new LoginThrottle(nameFromAddressFree, addressFree, nameFree, Duration.ofSeconds(2), max, maxKeys, clock);
    }

    /**
     * An unknown name is checked against a hash of the users' own bcrypt cost: at the default cost 12 a wrong name once
     * took a quarter of a wrong password's time (its stand-in hash had cost 10), which told a guesser which names exist.
     * The fastest of a few tries of each is compared, so a busy machine slows either, never makes one look cheap.
     */
    @Test
    void aWrongNameIsCheckedAgainstAHashOfTheUsersOwnCost() throws Exception {
        // the cost says the work, as a clock on a shared machine cannot: a wrong name once cost bcrypt 10 against the
        // users' 12, a quarter of the time, which told a guesser which names are users
        for (int cost : new int[] {4, 6}) {
            StaffUsers users = new StaffUsers(dir.resolve("staff-users-" + cost), cost);
            users.put("ana", "correct horse".toCharArray());
            assertThat(users.verify("nobody", "battery staple".toCharArray())).isFalse();
            assertThat(users.verify("ana", "x".repeat(80).toCharArray())).as("beyond bcrypt's 72 bytes").isFalse();
            assertThat(costOf(users.dummy())).isEqualTo(cost).isEqualTo(costOf(Files.readString(dir.resolve("staff-users-" + cost))
                    .lines().filter(line -> line.startsWith("ana:")).findFirst().orElseThrow().substring("ana:".length())));
        }
    }

    /** bcrypt's $2y$NN$... cost field */
    private static int costOf(String hash) {
        return Integer.parseInt(hash.split("\\$")[2]);
    }
}
