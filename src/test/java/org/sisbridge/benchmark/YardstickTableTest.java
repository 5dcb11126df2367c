package org.sisbridge.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sisbridge.staging.mapping.ColumnConversion;
import org.sisbridge.staging.mapping.TableMapping;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * COPY must store exactly what the batch insert stores: nulls, empty texts, quotes, commas, newlines;
 * and in a college's layout the mapping's converted values and constant columns.
 */
class YardstickTableTest {

    private static final List<String> FIELDS = List.of("id", "label", "at", "flag");
    private static final Map<String, String> KINDS = Map.of("id", "number", "label", "text", "at", "timestamp",
            "flag", "boolean");
    private static final List<List<Object>> ROWS = List.of(
            Arrays.asList(1L, "plain", LocalDateTime.parse("2024-05-01T10:15:00"), true),
            Arrays.asList(2L, null, null, false),
            Arrays.asList(3L, "", LocalDateTime.parse("2024-05-01T10:15:00.123"), true),
            Arrays.asList(4L, "{\"a\": \"b, c\"}\nsecond line", null, false));

    @Test
    void copyStoresWhatTheBatchInsertStores() throws Exception {
        DataSource dataSource = TestDatabases.create(DatabaseKind.POSTGRESQL, "yardstick").dataSource();
        TableMapping generic = new TableMapping("bench_copy", Map.of(), Map.of(), KINDS);
        String ddl = "CREATE TABLE bench_copy (id BIGINT PRIMARY KEY, label VARCHAR(100), at TIMESTAMP, flag BOOLEAN)";
        String read = "SELECT id, label, at, flag FROM bench_copy ORDER BY id";
        List<String> copied = copiedAsBatchInserted(dataSource, generic, ddl, read);
        assertEquals("2|null|null|f", copied.get(1));
        assertEquals("3||2024-05-01 10:15:00.123|t", copied.get(2));
    }

    @Test
    void inACollegesLayoutBothWriteTheMappedColumnsConvertedValuesAndConstants() throws Exception {
        DataSource dataSource = TestDatabases.create(DatabaseKind.POSTGRESQL, "yardstick-mapped").dataSource();
        Map<String, TableMapping.ColumnMapping> columns = new LinkedHashMap<>();
        columns.put("id", new TableMapping.ColumnMapping("ROW_NBR", ColumnConversion.parse(null, "test")));
        columns.put("label", new TableMapping.ColumnMapping("LABEL_TXT", ColumnConversion.parse("upper-case", "test")));
        columns.put("at", new TableMapping.ColumnMapping("AT_TXT", ColumnConversion.parse("format:yyyy-MM-dd-HH.mm.ss.SSSSSS", "test")));
        columns.put("flag", new TableMapping.ColumnMapping("FLAG_YN", ColumnConversion.parse("yes-no", "test")));
        TableMapping mapped = new TableMapping("BENCH_MAPPED", columns, Map.of("LASTUPDOPRID", "CCTC"), KINDS);
        String ddl = "CREATE TABLE BENCH_MAPPED (ROW_NBR BIGINT PRIMARY KEY, LABEL_TXT VARCHAR(100), AT_TXT VARCHAR(26),"
                + " FLAG_YN VARCHAR(1), LASTUPDOPRID VARCHAR(30))";
        String read = "SELECT ROW_NBR, LABEL_TXT, AT_TXT, FLAG_YN, LASTUPDOPRID FROM BENCH_MAPPED ORDER BY ROW_NBR";
        List<String> copied = copiedAsBatchInserted(dataSource, mapped, ddl, read);
        assertEquals("1|PLAIN|2024-05-01-10.15.00.000000|Y|CCTC", copied.get(0));
        assertEquals("2|null|null|N|CCTC", copied.get(1));
    }

    /** The rows read back after a COPY, once checked equal to those read back after the batch insert. */
    private static List<String> copiedAsBatchInserted(DataSource dataSource, TableMapping mapping, String ddl, String query)
            throws Exception {
        List<String> batchInserted = writeAndRead(dataSource, YardstickTable.Method.BATCH_INSERT, mapping, ddl, query);
        List<String> copied = writeAndRead(dataSource, YardstickTable.Method.POSTGRES_COPY, mapping, ddl, query);
        assertEquals(batchInserted, copied);
        return copied;
    }

    private static List<String> writeAndRead(DataSource dataSource, YardstickTable.Method method, TableMapping mapping,
                                             String ddl, String query) throws Exception {
        try (YardstickTable table = new YardstickTable(dataSource.getConnection(), method, mapping, FIELDS, List.of(ddl))) {
            List<Object[]> rows = new ArrayList<>();
            ROWS.forEach(r -> rows.add(table.row(r)));
            table.write(rows);
        }
        List<String> read = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                read.add(String.join("|", values));
            }
        }
        return read;
    }
}
