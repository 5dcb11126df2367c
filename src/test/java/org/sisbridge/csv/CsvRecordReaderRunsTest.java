package org.sisbridge.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader takes runs of ordinary characters from its buffer in one copy. Fed one character per
 * read, its buffer never holds a run, so every character goes through the loop one by one as it
 * always did: that reading is the reference, and the reading in runs (whole buffers, or pieces of
 * any length) must return the very same records, line numbers, flags and failures, at any cap.
 */
class CsvRecordReaderRunsTest {

    private static final String[] TOKENS = {"a", "bc", "0123456789", ",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", " ",
            "é", "€", "\uD83D\uDE00"};
    private static final int[] CAPS = {1, 2, 3, 5, 8, 13, 40, CsvRecordReader.MAX_RECORD_CHARS};

    @Test
    void seededRandomTextsReadTheSameInRunsAsOneCharacterAtATime() throws Exception {
        Random random = new Random(4180);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int t = random.nextInt(60); t > 0; t--) {
                text.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            int cap = CAPS[random.nextInt(CAPS.length)];
            char delimiter = random.nextInt(4) == 0 ? ';' : ',';
            for (CsvRecordReader.OverLong mode : CsvRecordReader.OverLong.values()) {
                String reference = read(new OneAtATime(text.toString(), null), delimiter, cap, mode);
                assertThat(read(new StringReader(text.toString()), delimiter, cap, mode))
                        .as("%s, cap %d, %s", shown(text), cap, mode).isEqualTo(reference);
                assertThat(read(new OneAtATime(text.toString(), random), delimiter, cap, mode))
                        .as("%s in pieces, cap %d, %s", shown(text), cap, mode).isEqualTo(reference);
            }
        }
    }

    @Test
    void runsLongerThanTheBufferAndTheCapAreTakenUpToTheCapOnly() throws Exception {
        for (String record : new String[] {"x".repeat(20_000), "\"" + "y,".repeat(10_000) + "\"", "1,\"" + "z".repeat(9000)}) {
            for (int cap : new int[] {8191, 8192, 8193, 20_000, 20_001, 20_002, CsvRecordReader.MAX_RECORD_CHARS}) {
                String text = "h\n" + record + "\r\nlast";
                for (CsvRecordReader.OverLong mode : CsvRecordReader.OverLong.values()) {
                    String reference = read(new OneAtATime(text, null), ',', cap, mode);
                    assertThat(read(new StringReader(text), ',', cap, mode)).as("cap %d, %s", cap, mode).isEqualTo(reference);
                }
            }
        }
    }

    /** Everything the reader returned and how it ended, as text. */
    private static String read(Reader in, char delimiter, int cap, CsvRecordReader.OverLong mode) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecordReader csv = new CsvRecordReader(in, delimiter, cap, mode)) {
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                out.add(r.toString());
            }
        } catch (CsvFormatException e) {
            out.add("refused: " + e.getMessage());
        }
        return String.join("\n", out);
    }

    private static String shown(CharSequence text) {
        return "[" + text.toString().replace("\r", "\\r").replace("\n", "\\n") + "]";
    }

    /** Hands out one character per read, or with a random source pieces of random length. */
    private static final class OneAtATime extends Reader {
        private final String text;
        private final Random pieces;
        private int at;

        OneAtATime(String text, Random pieces) {
            this.text = text;
            this.pieces = pieces;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (at == text.length()) {
                return -1;
            }
            int n = pieces == null ? 1 : 1 + pieces.nextInt(Math.min(length, text.length() - at));
            text.getChars(at, at + n, buffer, offset);
            at += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
