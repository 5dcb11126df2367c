package org.sisbridge.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/** COPY must store exactly what the batch insert stores: nulls, empty texts, quotes, commas, newlines. */
class YardstickTableTest {

    private static final String COLUMNS = "id, label, at";

    @Test
    void copyStoresWhatTheBatchInsertStores() throws Exception {
        DataSource dataSource = TestDatabases.create(DatabaseKind.POSTGRESQL, "yardstick").dataSource();
        List<Object[]> rows = List.of(
                new Object[] {1L, "plain", Timestamp.valueOf("2024-05-01 10:15:00")},
                new Object[] {2L, null, null},
                new Object[] {3L, "", Timestamp.valueOf("2024-05-01 10:15:00.123")},
                new Object[] {4L, "{\"a\": \"b, c\"}\nsecond line", null});
        List<String> batchInserted = writeAndRead(dataSource, YardstickTable.Method.BATCH_INSERT, rows);
        List<String> copied = writeAndRead(dataSource, YardstickTable.Method.POSTGRES_COPY, rows);
        assertEquals(batchInserted, copied);
        assertEquals("2|null|null", copied.get(1));
        assertEquals("3||2024-05-01 10:15:00.123", copied.get(2));
    }

    private static List<String> writeAndRead(DataSource dataSource, YardstickTable.Method method, List<Object[]> rows)
            throws Exception {
        List<String> ddl = List.of("CREATE TABLE bench_copy (id BIGINT PRIMARY KEY, label VARCHAR(100), at TIMESTAMP)");
        try (YardstickTable table = new YardstickTable(dataSource.getConnection(), method, "bench_copy", COLUMNS, ddl)) {
            table.write(rows);
        }
        List<String> read = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM bench_copy ORDER BY id")) {
            while (rs.next()) {
                read.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getTimestamp(3));
            }
        }
        return read;
    }
}
