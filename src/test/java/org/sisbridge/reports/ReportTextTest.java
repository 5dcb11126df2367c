package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sisbridge.csv.CsvRecordReader;

class ReportTextTest {

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        byte[] bytes = "\uFEFFmis_code,ccc_id\n111,ABC1234\n".getBytes(StandardCharsets.UTF_8);
        try (CsvRecordReader csv = ReportText.csv(new ByteArrayInputStream(bytes))) {
            assertThat(csv.next().fields()).containsExactly("mis_code", "ccc_id");
        }
    }
}
