package org.sisbridge.staging.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pipeline converts a row for a college's columns on the thread that read it ({@link TableMapping#converted})
 * and its writer only binds ({@link TableMapping#bindConverted}): what lands in the table is what
 * {@link TableMapping#bind} stores, conversions, typed nulls and constants alike.
 */
class TableMappingTest {

    private static final List<String> FIELDS = List.of("id", "label", "at", "flag", "note");

    private static TableMapping peoplesoftLike() {
        Map<String, TableMapping.ColumnMapping> columns = new LinkedHashMap<>();
        columns.put("id", new TableMapping.ColumnMapping("ROW_NBR", ColumnConversion.parse(null, "test")));
        columns.put("label", new TableMapping.ColumnMapping("LABEL_TXT", ColumnConversion.parse("upper-case", "test")));
        columns.put("at", new TableMapping.ColumnMapping("AT_TXT", ColumnConversion.parse("format:yyyy-MM-dd-HH.mm.ss.SSSSSS", "test")));
        columns.put("flag", new TableMapping.ColumnMapping("FLAG_YN", ColumnConversion.parse("yes-no", "test")));
        return new TableMapping("MAPPED", columns, Map.of("LASTUPDOPRID", "CCTC"),
                Map.of("id", "number", "label", "text", "at", "timestamp", "flag", "boolean", "note", "text"));
    }

    @Test
    void convertedValuesAreEachColumnsConversion() {
        Object[] converted = peoplesoftLike().converted(FIELDS,
                Arrays.asList(7L, "García", LocalDateTime.parse("2024-05-01T10:15:00.123"), true, null));

        assertThat(converted).containsExactly(7L, "GARCÍA", "2024-05-01-10.15.00.123000", "Y", null);
    }

    @Test
    void bindingConvertedValuesStoresWhatBindingTheRowStores() throws Exception {
        TableMapping mapping = peoplesoftLike();
        List<List<Object>> rows = List.of(
                Arrays.asList(1L, "plain", LocalDateTime.parse("2024-05-01T10:15:00"), false, "n"),
                Arrays.asList(2L, null, null, true, null));
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:table-mapping-" + System.nanoTime());
             Statement s = c.createStatement()) {
            for (String table : List.of("MAPPED", "MAPPED_CONVERTED")) {
                s.execute("CREATE TABLE " + table + " (ROW_NBR BIGINT PRIMARY KEY, LABEL_TXT VARCHAR(100), AT_TXT VARCHAR(26),"
                        + " FLAG_YN VARCHAR(1), note VARCHAR(10), LASTUPDOPRID VARCHAR(30))");
            }
            try (PreparedStatement bound = c.prepareStatement(mapping.insertSql(FIELDS));
                 PreparedStatement converted = c.prepareStatement(mapping.insertSql(FIELDS).replace("MAPPED", "MAPPED_CONVERTED"))) {
                for (List<Object> row : rows) {
                    mapping.bind(bound, FIELDS, row);
                    bound.executeUpdate();
                    mapping.bindConverted(converted, FIELDS, mapping.converted(FIELDS, row));
                    converted.executeUpdate();
                }
            }
            assertThat(read(s, "MAPPED_CONVERTED")).isEqualTo(read(s, "MAPPED"))
                    .contains("1|PLAIN|2024-05-01-10.15.00.000000|N|n|CCTC", "2|null|null|Y|null|CCTC");
        }
    }

    private static List<String> read(Statement s, String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT ROW_NBR, LABEL_TXT, AT_TXT, FLAG_YN, note, LASTUPDOPRID FROM " + table
                + " ORDER BY ROW_NBR")) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
