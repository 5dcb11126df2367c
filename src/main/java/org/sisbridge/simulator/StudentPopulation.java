package org.sisbridge.simulator;

import java.time.LocalDate;

/**
 * The simulated students, deterministic from the seed: student s is a pure function of (seed, s).
 * Nothing is stored, so a population of millions costs no memory.
 */
public final class StudentPopulation {
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"; // documented CCCID letters: no I, no O
    private static final long DIGIT_VALUES = 9999;                    // 0001 .. 9999
    /** Number of distinct CCCIDs in today's 7-character format. */
    static final long CCCID_SPACE = 24L * 24 * 24 * DIGIT_VALUES;
    /** Coprime with CCCID_SPACE (= 2^9 * 3^5 * 11 * 101), so s -> (A*s + B) mod space is a bijection. */
    private static final long MULTIPLIER = 1_000_003L;
    private static final long BIRTH_DATE_SALT = 0xB1;
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1960, 1, 1);
    private static final long BIRTH_DATE_SPAN_DAYS = 45L * 365;

    private final long seed;
    private final long size;
    private final long offset;

    public StudentPopulation(long seed, long size) {
        if (size < 1 || size > CCCID_SPACE) {
            throw new IllegalArgumentException("population size must be 1.." + CCCID_SPACE);
        }
        this.seed = seed;
        this.size = size;
        this.offset = Math.floorMod(FeedHash.of(seed, FeedHash.CCCID_OFFSET, 0), CCCID_SPACE);
    }

    public long size() {
        return size;
    }

    public SimulatedStudent student(long s) {
        if (s < 0 || s >= size) {
            throw new IndexOutOfBoundsException("student " + s + " outside 0.." + (size - 1));
        }
        long h = FeedHash.of(seed, FeedHash.STUDENT_NAME, s);
        String first = StudentNames.FIRST.get((int) Long.remainderUnsigned(h, StudentNames.FIRST.size()));
        String last = StudentNames.LAST.get((int) Long.remainderUnsigned(h >>> 20, StudentNames.LAST.size()));
        String domain = StudentNames.EMAIL_DOMAINS.get((int) Long.remainderUnsigned(h >>> 40, StudentNames.EMAIL_DOMAINS.size()));
        // The student number keeps e-mails unique however often a name pair repeats.
        String email = AsciiFolding.lettersOnly(first) + "." + AsciiFolding.lettersOnly(last) + s + "@" + domain;
        return new SimulatedStudent(s, cccid(s), first, last, email, birthDate(s), phone(s));
    }

    /** Born 1960-01-01 .. 2004-12-31; from its own hash, so names, e-mails and CCCIDs are as before. */
    public LocalDate birthDate(long s) {
        long h = FeedHash.of(seed, BIRTH_DATE_SALT, s);
        return EARLIEST_BIRTH.plusDays(Long.remainderUnsigned(h, BIRTH_DATE_SPAN_DAYS));
    }

    /** A 555 number, unique per student (OpenCCC allows one account per phone number). */
    public String phone(long s) {
        return "+1555" + zeroPadded(s % 10_000_000L, 7);
    }

    /** A documented-format CCCID, derived bijectively from s so no two students share one. */
    public String cccid(long s) {
        long v = Math.floorMod(MULTIPLIER * (s % CCCID_SPACE) + offset, CCCID_SPACE);
        long letters = v / DIGIT_VALUES;
        long digits = v % DIGIT_VALUES + 1;
        return "" + LETTERS.charAt((int) (letters / (24 * 24)))
                + LETTERS.charAt((int) (letters / 24 % 24))
                + LETTERS.charAt((int) (letters % 24))
                + zeroPadded(digits, 4);
    }

    /** {@code value} in at least {@code width} digits, as %0<width>d writes it, without a Formatter per call. */
    private static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
