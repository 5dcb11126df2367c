package org.sisbridge.benchmark;

/**
 * How many untimed passes, each with a fresh agent, come before the timed runs.
 *
 * <p>Two by default, not one: starting an agent (Flyway, Camel) runs the JDBC driver's, H2's and
 * Jackson's code along paths the warm-up pass's pipeline did not, and the JIT throws away compiled
 * code whose assumptions those paths break. One recording (JFR {@code jdk.Deoptimization}, H2,
 * 200,000 events, 1 Dec 2026) counted 96 deoptimizations at the start of the first timed agent after
 * one warm-up pass, 19 at the second and 5 at the third; the first run's pipeline then shared the
 * cores with the C2 compiler recompiling (about 2.5 core-seconds against 0.6 in a later run). With a
 * single warm-up the first run measured that, and the other runs did not.
 */
public final class WarmupPasses {

    /** The passes of {@code benchmark events}, {@code reports} and {@code table} unless told otherwise. */
    public static final int DEFAULT = 2;

    private WarmupPasses() {
    }

    /** Events or report rows a warm-up pass stages: half a run's volume, at most 100,000. */
    public static long volume(long runVolume) {
        return Math.min(runVolume / 2, 100_000);
    }
}
