package org.sisbridge.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OWASP's CSV injection rule for every cell staff open in a spreadsheet. */
class SpreadsheetSafeCellTest {

    @ParameterizedTest
    @ValueSource(strings = {"=2+5", "+1 555 0100", "-12", "@SUM(A1:A2)", "\tlead", "\rlead",
            "=HYPERLINK(\"http://evil.example/\",\"click\")"})
    void aValueThatWouldRunAsAFormulaIsPrefixedAndQuoted(String value) {
        String cell = SpreadsheetSafeCell.of(value);
        assertThat(cell).startsWith("\"'").endsWith("\"");
        assertThat(cell.substring(2, cell.length() - 1).replace("\"\"", "\"")).isEqualTo(value);
    }

    @Test
    void ordinaryValuesAreWrittenAsRfc4180WouldWriteThem() {
        assertThat(SpreadsheetSafeCell.of(null)).isEmpty();
        assertThat(SpreadsheetSafeCell.of("")).isEmpty();
        assertThat(SpreadsheetSafeCell.of("ABC1234")).isEqualTo("ABC1234");
        assertThat(SpreadsheetSafeCell.of("Lopez, Jr.")).isEqualTo("\"Lopez, Jr.\"");
        assertThat(SpreadsheetSafeCell.of("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SpreadsheetSafeCell.of("a=b")).isEqualTo("a=b");
    }
}
