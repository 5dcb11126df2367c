package org.sisbridge.benchmark;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.reports.ReportTimestamp;
import org.sisbridge.reports.StatusChangeRow;
import org.sisbridge.reports.StatusChangeTable;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The yardstick for the reports pipeline: the same report file's rows, with the values the pipeline
 * stages (converted and with the constant columns of the layout's mapping), written by a bare JDBC
 * batch insert (or on PostgreSQL by COPY), one commit per batch, into a copy of the layout's report
 * table (same columns, key and indexes) in the same database. Only the writes and commits are timed:
 * reading and splitting the file is not.
 */
public final class PlainReportInsert {

    private PlainReportInsert() {
    }

    /**
     * @param table the report-rows table of the layout the pipeline staged into
     * @return {rows written, nanoseconds spent writing and committing}
     */
    public static long[] run(DataSource dataSource, BenchmarkDatabase database, YardstickTable.Method method,
                             Path report, int batch, TableMapping table) throws Exception {
        try (YardstickTable copy = YardstickTable.copyOf(dataSource, database, method, table, "bench_plain_report",
                StatusChangeTable.FIELDS);
             BufferedReader in = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            long rows = 0;
            long timed = 0;
            LocalDateTime now = LocalDateTime.now();
            in.readLine(); // header
            List<Object[]> chunk = new ArrayList<>(batch);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                StatusChangeRow row = new StatusChangeRow(f[0], f[1] + "|" + f[2] + "|" + f[10], f[1], Long.parseLong(f[2]),
                        ReportTimestamp.parse(f[3]), f[4], ReportTimestamp.parse(f[5]), ReportTimestamp.parse(f[6]), f[7],
                        ReportTimestamp.parse(f[8]), ReportTimestamp.parse(f[9]), ReportTimestamp.parse(f[10]), true, ++rows + 1);
                chunk.add(copy.row(StatusChangeTable.values(row, "plain", now)));
                if (chunk.size() == batch) {
                    timed += copy.write(chunk);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                timed += copy.write(chunk);
            }
            return new long[] {rows, timed};
        }
    }
}
