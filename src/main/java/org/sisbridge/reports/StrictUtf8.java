package org.sisbridge.reports;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Whether bytes fed in pieces are UTF-8 that Java's strict decoder ({@link ReportText}) reads
 * without complaint: the well-formed sequences of Unicode's table 3-7, so no overlong form, no
 * surrogate (U+D800 to U+DFFF), nothing above U+10FFFF, no stray continuation byte and no sequence
 * cut off by the end of the input. A sequence may straddle two pieces. Checked byte by byte instead
 * of decoding because the scan of a report only needs the verdict, not the characters.
 */
final class StrictUtf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Continuation bytes the sequence under way still needs. */
    private int needed;
    /** The range the next continuation byte must be in: narrower than 80-BF right after some lead bytes. */
    private int low = 0x80;
    private int high = 0xBF;
    private boolean malformed;

    void accept(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && !malformed) {
            if (needed == 0) {
                // most of a report is ASCII: eight bytes at a time while none has its high bit set
                while (i + Long.BYTES <= to && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                }
                if (i < to) {
                    lead(bytes[i++] & 0xff);
                }
            } else {
                int b = bytes[i++] & 0xff;
                if (b < low || b > high) {
                    malformed = true;
                }
                low = 0x80;
                high = 0xBF;
                needed--;
            }
        }
    }

    private void lead(int b) {
        if (b < 0x80) {
            return;
        }
        if (b < 0xC2) {
            malformed = true; // a continuation byte with no lead, or C0/C1: an overlong two-byte form
        } else if (b < 0xE0) {
            needed = 1;
        } else if (b < 0xF0) {
            needed = 2;
            low = b == 0xE0 ? 0xA0 : 0x80; // E0 80-9F would be overlong
            high = b == 0xED ? 0x9F : 0xBF; // ED A0-BF would be a surrogate
        } else if (b < 0xF5) {
            needed = 3;
            low = b == 0xF0 ? 0x90 : 0x80; // F0 80-8F would be overlong
            high = b == 0xF4 ? 0x8F : 0xBF; // F4 90 and above would pass U+10FFFF
        } else {
            malformed = true; // F5-FF start no sequence at all
        }
    }

    /** @return true when every byte fed so far is strict UTF-8 and no sequence is left open at the end */
    boolean wellFormedToTheEnd() {
        return !malformed && needed == 0;
    }
}
