package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The roster reader holds at most one record's cap, whatever a line or an open quote holds; an open quote refuses the file. */
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
    void aQuoteNeverClosedRefusesTheFileNamingTheLineItOpenedOnWithinTheCap() throws Exception {
        // an open quote swallows every line after it: none of them can be trusted, so the file is refused,
        // and the reader stops at the cap instead of reading the rest of a megabyte into memory
        Reader in = concat(new StringReader("a,b\nS1,ok\nS2,\"never closed\n"), repeat('y', 1024 * 1024),
                new StringReader("\nS3,ok\n"));
        RosterCsvReader csv = new RosterCsvReader(in, CAP);
        assertThat(csv.next().fields()).containsExactly("a", "b");
        assertThat(csv.next().fields()).containsExactly("S1", "ok");
        assertThatThrownBy(csv::next).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote opened on line 3").hasMessageContaining("nothing of the file was loaded");
    }

    @Test
    void aQuoteOpenAtTheEndOfTheFileRefusesItToo() throws Exception {
        RosterCsvReader csv = new RosterCsvReader(new StringReader("a,b\nS1,\"Ana\nS2,ok\n"), CAP);
        csv.next();
        assertThatThrownBy(csv::next).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote opened on line 2").hasMessageContaining("never closed");
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

    @Test
    void aRowOfBlankFieldsIsBlankButATooLongRecordWithNoFieldsKeptIsNot() throws Exception {
        Reader in = concat(new StringReader("a,b,c\r\n,,\r\n\" \", ,\u00A0\r\n,x,\r\n"), repeat(',', CAP + 10),
                new StringReader("\r\n"));
        List<RosterCsvReader.Record> records = readAll(new RosterCsvReader(in, CAP));
        // a spreadsheet's formatted, empty row, and one of spaces, are skipped like a blank line
        assertThat(records).extracting(RosterCsvReader.Record::blank).containsExactly(false, true, true, false, false);
        assertThat(records.get(4).tooLong()).isTrue();
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
