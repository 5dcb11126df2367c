package org.sisbridge.reports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Report files made to trip a reader that takes shortcuts: quoted fields holding delimiters,
 * doubled quotes and every kind of line end, stray quotes, CRLF, LF and lone CR, blank lines,
 * byte order marks, two- to four-byte characters, bytes that are no UTF-8, quotes left open at the
 * end, headers that are and are not a report's; some files a few bytes short of or past the sizes
 * where readers refill their buffers (8K, 64K), so that a character or a CRLF lands across one.
 * Seeded: the same seed makes the same files.
 */
final class AdversarialReportFiles {

    static final String HEADER = "mis_code,ccc_id,latest_app_id,latest_app_tstmp_submit";
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static final List<String> HEADERS = List.of(HEADER, HEADER + ",current_idme_workflow_status",
            "\"mis_code\",\"ccc_id\",latest_app_id,LATEST_APP_TSTMP_SUBMIT,extra",
            "lastest_app_id, ccc_id ,mis_code,latest_app_tstmp_submit,\"note, with\r\nline\"",
            HEADER + ",café€\uD83D\uDE00", "mis_code,ccc_id,latest_app_id", HEADER + ",ccc_id", "\"" + HEADER + "\"",
            HEADER.replace(",", "\",\""), "x", "");
    private static final List<String> WORDS = List.of("111", "ABC1234", "2024-01-31 12:00", "verified", "a b", " ",
            "José", "Peña", "€100", "\uD83D\uDE00", "\u0080", "\u07FF", "\u0800", "\uD7FF", "\uE000", "\uFFFF",
            "\uDBFF\uDFFF", "\uD800\uDC00", "\uFEFF", "x\ty");
    private static final List<String> QUOTED = List.of(",", "\"\"", "\r", "\n", "\r\n", "\n\r", "\r\r\n", "\"\"\"\"", ";");
    private static final List<String> LINE_ENDS = List.of("\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "\n\r", "\r\n\n");
    /** Bytes Java's strict decoder refuses: stray, overlong, surrogate, past U+10FFFF, cut short. */
    private static final List<String> NOT_UTF8 = List.of("80", "bf", "c0af", "c1bf", "e080af", "e09fbf", "eda080",
            "edbfbf", "f08fbfbf", "f4908080", "f5", "ff", "fe", "e282", "f09f98", "c2", "e2822c");
    private static final int[] BOUNDARIES = {8192, 16384, 65536, 131072};

    private final Random random;

    AdversarialReportFiles(long seed) {
        this.random = new Random(seed);
    }

    byte[] next() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (chance(0.2)) {
            out.writeBytes(BOM);
        }
        if (chance(0.1)) {
            text(out, pick(LINE_ENDS));
        }
        text(out, chance(0.7) ? HEADER : pick(HEADERS));
        boolean notUtf8 = chance(0.15);
        int target = targetSize();
        while (out.size() < target) {
            text(out, pick(LINE_ENDS.subList(0, chance(0.8) ? 3 : LINE_ENDS.size())));
            record(out, notUtf8);
        }
        double end = random.nextDouble();
        if (end < 0.3) {
            text(out, pick(LINE_ENDS));
        } else if (end < 0.4) {
            text(out, "\n\"open to the end" + (chance(0.5) ? "\n" : ""));
        } else if (end < 0.45) {
            text(out, ",\"ends in a doubled quote\"\"");
        } else if (end < 0.5) {
            out.writeBytes(HexFormat.of().parseHex(pick(List.of("e282", "f09f98", "c3"))));
        }
        return out.toByteArray();
    }

    /** Mostly small files; some end a few hundred bytes either side of a buffer size or two. */
    private int targetSize() {
        double size = random.nextDouble();
        if (size < 0.75) {
            return random.nextInt(400);
        }
        int boundary = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
        return boundary - 300 + random.nextInt(600);
    }

    private void record(ByteArrayOutputStream out, boolean notUtf8) {
        int fields = 1 + random.nextInt(6);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                text(out, ",");
            }
            field(out, notUtf8);
        }
    }

    private void field(ByteArrayOutputStream out, boolean notUtf8) {
        double kind = random.nextDouble();
        if (notUtf8 && kind < 0.03) {
            out.writeBytes(HexFormat.of().parseHex(pick(NOT_UTF8)));
        } else if (kind < 0.1) {
            return; // empty
        } else if (kind < 0.45) {
            text(out, pick(WORDS));
        } else if (kind < 0.85) {
            StringBuilder quoted = new StringBuilder("\"");
            for (int i = random.nextInt(4); i >= 0; i--) {
                quoted.append(chance(0.5) ? pick(WORDS) : pick(QUOTED));
            }
            text(out, quoted.append('"').toString());
        } else if (kind < 0.92) {
            text(out, pick(WORDS) + "\"" + pick(WORDS)); // a stray quote
        } else {
            text(out, "\"" + pick(WORDS) + "\"" + pick(List.of("x", "\"", " ", "\"x"))); // text after the closing quote
        }
    }

    /**
     * A report whose bytes {@code at} of the file start with {@code piece}, the rest plain rows:
     * the piece lands exactly where a buffer ends when {@code at} is near one of its sizes.
     */
    static byte[] withPieceAt(int at, byte[] piece, boolean bom, boolean inQuotes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(BOM);
        }
        text(out, HEADER + "\n");
        while (out.size() < at - 40) {
            text(out, "111,ABC1234,1,2024-01-31 12:00\r\n");
        }
        text(out, inQuotes ? "111,\"" : "111,");
        text(out, "x".repeat(at - out.size()));
        out.writeBytes(piece);
        text(out, inQuotes ? "\",y\n111,z\n" : ",y\n111,z\n");
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
