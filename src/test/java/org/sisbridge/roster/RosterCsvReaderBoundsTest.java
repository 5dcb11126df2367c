package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The roster reader holds at most one record's cap, whatever a line or an open quote holds. */
class RosterCsvReaderBoundsTest {

    private static final int CAP = 64 * 1024;

    @Test
    void aOneMegabyteLineIsOneTooLongRecordAndTheNextLineIsReadAsUsual() throws Exception {
        Reader in = concat(new StringReader("a,b\r\nS1,"), repeat('x', 1024 * 1024), new StringReader("\r\nS2,ok\r\n"));
        List<RosterCsvReader.Record> records = readAll(new RosterCsvReader(in, CAP));
        assertThat(records).hasSize(3);
        RosterCsvReader.Record tooLong = records.get(1);
        assertThat(tooLong.tooLong()).isTrue();
        assertThat(tooLong.line()).isEqualTo(2);
        assertThat(tooLong.raw()).hasSize(RosterCsvReader.MAX_RAW).startsWith("S1,xxx");
        assertThat(records.get(2).fields()).containsExactly("S2", "ok");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void aQuoteNeverClosedCostsOneRecordNotTheRestOfTheFile() throws Exception {
        StringBuilder text = new StringBuilder("a,b\nS1,\"never closed\n");
        for (int i = 0; i < 100; i++) {
            text.append("y".repeat(999)).append('\n'); // 100,000 characters of lines inside the open quote
        }
        text.append("S2,ok\n");
        List<RosterCsvReader.Record> records = readAll(new RosterCsvReader(new StringReader(text.toString()), CAP));
        assertThat(records.get(1).tooLong()).isTrue();
        assertThat(records.get(1).line()).isEqualTo(2);
        RosterCsvReader.Record last = records.get(records.size() - 1);
        assertThat(last.fields()).containsExactly("S2", "ok");
        assertThat(last.line()).isEqualTo(103);
        // the lines after the cap are read again as records of their own (and rejected for their width)
        assertThat(records.subList(2, records.size() - 1)).allSatisfy(r -> assertThat(r.fields()).hasSize(1));
    }

    @Test
    void aRecordAtTheCapIsStillRead() throws Exception {
        String field = "z".repeat(CAP - 10);
        List<RosterCsvReader.Record> records = readAll(new RosterCsvReader(new StringReader("S1," + field + "\n"), CAP));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.tooLong()).isFalse();
            assertThat(r.fields()).containsExactly("S1", field);
        });
    }

    private static List<RosterCsvReader.Record> readAll(RosterCsvReader csv) throws Exception {
        List<RosterCsvReader.Record> records = new ArrayList<>();
        for (RosterCsvReader.Record r = csv.next(); r != null; r = csv.next()) {
            records.add(r);
        }
        return records;
    }

    /** count copies of c, generated as read: nothing of it is held in memory by the test. */
    private static Reader repeat(char c, int count) {
        return new Reader() {
            private int left = count;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, c);
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Reader concat(Reader... readers) {
        return new Reader() {
            private int current;

            @Override
            public int read(char[] buffer, int offset, int length) throws java.io.IOException {
                while (current < readers.length) {
                    int n = readers[current].read(buffer, offset, length);
                    if (n > 0) {
                        return n;
                    }
                    current++;
                }
                return -1;
            }

            @Override
            public void close() {
            }
        };
    }
}
