package org.sisbridge.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    @Test
    void quotedFieldsKeepCommasDoubledQuotesAndLineBreaks() throws Exception {
        List<CsvRecord> records = read("a,b,c\n1,\"x, \"\"y\"\"\nz\",3\n4,5,6\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(1).fields()).containsExactly("1", "x, \"y\"\nz", "3");
        assertThat(records.get(1).raw()).isEqualTo("1,\"x, \"\"y\"\"\nz\",3");
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(2).line()).as("the quoted line break counts as a line").isEqualTo(4);
    }

    @Test
    void crlfLoneCrAndBlankLinesEndRecordsAndNothingMore() throws Exception {
        List<CsvRecord> records = read("a,b\r\n1,2\r\n\r\n3,\r4,5");
        assertThat(records).extracting(CsvRecord::fields)
                .containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", ""), List.of("4", "5"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 4L, 5L);
        assertThat(records.get(1).raw()).isEqualTo("1,2");
    }

    @Test
    void aFileEndingInsideQuotesIsRefused() {
        assertThatThrownBy(() -> read("a,b\n1,\"never closed\n"))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("line 2").hasMessageContaining("truncated");
    }

    // the cases where the report reader and the roster reader used to disagree: one reader, one reading

    @Test
    void aStrayQuoteInsideAnUnquotedFieldIsKeptAndFlagged() throws Exception {
        List<CsvRecord> records = read("a,b\n1,Ana \"Nita\" Lopez\n2,\"Ana\"x\n3,ok\n");
        assertThat(records.get(1).fields()).containsExactly("1", "Ana \"Nita\" Lopez");
        assertThat(records.get(1).malformed()).isTrue();
        assertThat(records.get(2).fields()).as("text after a closing quote").containsExactly("2", "Anax");
        assertThat(records.get(2).malformed()).isTrue();
        assertThat(records.get(3).malformed()).isFalse();
        assertThat(records.get(3).line()).isEqualTo(4);
    }

    @Test
    void aLoneCrEndsARecordOutsideQuotesAndIsKeptInsideThem() throws Exception {
        List<CsvRecord> records = read("a,b\r1,\"x\ry\"\r2,z");
        assertThat(records).extracting(CsvRecord::fields)
                .containsExactly(List.of("a", "b"), List.of("1", "x\ry"), List.of("2", "z"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 4L);
    }

    @Test
    void anOverLongRecordRefusesAReportAndIsSkippedInARoster() throws Exception {
        String text = "a,b\n1," + "x".repeat(9000) + "\n2,ok\n";
        assertThatThrownBy(() -> readAll(new CsvRecordReader(new StringReader(text), ',', 8192,
                CsvRecordReader.OverLong.REFUSE_FILE)))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("line 2").hasMessageContaining("8192");
        List<CsvRecord> records = readAll(new CsvRecordReader(new StringReader(text), ',', 8192,
                CsvRecordReader.OverLong.SKIP_RECORD));
        assertThat(records.get(1).tooLong()).isTrue();
        assertThat(records.get(1).raw()).hasSize(CsvRecordReader.MAX_RAW).startsWith("1,xxx");
        assertThat(records.get(2).fields()).containsExactly("2", "ok");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void aQuoteOpenPastTheCapRefusesTheFileInBothModesNamingWhereItOpened() {
        String text = "a,b\n1,ok\n2,\"open\n" + "y\n".repeat(3000) + "3,ok\n";
        for (CsvRecordReader.OverLong mode : CsvRecordReader.OverLong.values()) {
            assertThatThrownBy(() -> readAll(new CsvRecordReader(new StringReader(text), ',', 2048, mode)))
                    .isInstanceOf(CsvFormatException.class).hasMessageContaining("quote opened on line 3");
        }
    }

    @Test
    void theDelimiterIsTakenFromTheHeaderLine() throws Exception {
        assertThat(delimiter("local_id;first_name;\"a,b\"\n1;2;3")).isEqualTo(';');
        assertThat(delimiter("local_id\tfirst_name\tlast_name\n")).isEqualTo('\t');
        assertThat(delimiter("local_id,first_name;x,last_name\n")).isEqualTo(',');
        assertThat(delimiter("local_id\n1;2;3;4")).as("only the header counts").isEqualTo(',');
    }

    private static char delimiter(String text) throws Exception {
        java.io.BufferedReader in = new java.io.BufferedReader(new StringReader(text));
        char d = CsvDelimiter.ofHeader(in, 1024);
        assertThat((char) in.read()).as("the header is put back").isEqualTo(text.charAt(0));
        return d;
    }

    private static List<CsvRecord> readAll(CsvRecordReader csv) throws Exception {
        List<CsvRecord> records = new ArrayList<>();
        for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
            records.add(r);
        }
        return records;
    }

    private static List<CsvRecord> read(String text) throws Exception {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvRecordReader csv = new CsvRecordReader(new StringReader(text))) {
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                records.add(r);
            }
        }
        return records;
    }
}
