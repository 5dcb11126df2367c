package org.sisbridge.simulator;

import java.nio.charset.StandardCharsets;

/**
 * Stateless 64-bit hashing (SplitMix64 finaliser) so that every simulated fact is a pure function
 * of its coordinates: nothing is precomputed or stored, which is what lets a feed of ten million
 * events answer a page at any offset at once.
 */
final class FeedHash {
    // Salts keep the independent decisions about one event uncorrelated.
    static final long ANOMALY = 0x1A;
    static final long REDELIVERY = 0x2B;
    static final long REDELIVERY_TARGET = 0x2C;
    static final long EVENT_DETAILS = 0x3C;
    static final long EVENT_ID = 0x4D;
    static final long STUDENT_NAME = 0x5E;
    static final long STUDENT_START = 0x6F;
    static final long STUDENT_STEP = 0x70;
    static final long CCCID_OFFSET = 0x81;
    static final long HTTP_ERROR = 0x92;
    static final long HTTP_SLOW = 0x93;

    private FeedHash() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long of(long seed, long salt, long a) {
        return mix(mix(seed * 0x9E3779B97F4A7C15L + salt) ^ a);
    }

    static long of(long seed, long salt, long a, long b) {
        return mix(of(seed, salt, a) + b * 0x9E3779B97F4A7C15L);
    }

    static long of(long seed, long salt, long a, long b, long c) {
        return mix(of(seed, salt, a, b) + c * 0xC2B2AE3D27D4EB4FL);
    }

    /** Uniform in [0, 1). */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A stable key for a MIS code (String.hashCode would do, but 64 bits keep codes apart). */
    static long key(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
