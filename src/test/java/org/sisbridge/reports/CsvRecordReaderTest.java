package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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
    void aByteOrderMarkIsSkipped() throws Exception {
        byte[] bytes = "\uFEFFmis_code,ccc_id\n111,ABC1234\n".getBytes(StandardCharsets.UTF_8);
        try (CsvRecordReader csv = ReportText.csv(new ByteArrayInputStream(bytes))) {
            assertThat(csv.next().fields()).containsExactly("mis_code", "ccc_id");
        }
    }

    @Test
    void aFileEndingInsideQuotesIsRefused() {
        assertThatThrownBy(() -> read("a,b\n1,\"never closed\n"))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("line 2").hasMessageContaining("truncated");
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
