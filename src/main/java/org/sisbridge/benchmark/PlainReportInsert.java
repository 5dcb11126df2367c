package org.sisbridge.benchmark;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The yardstick for the reports pipeline: the same report file's rows, written by a bare JDBC batch
 * insert (or on PostgreSQL by COPY), one commit per batch, into a copy of the report table (same
 * columns, key and indexes) in the same database. Only the writes and commits are timed: reading
 * and splitting the file is not.
 */
public final class PlainReportInsert {

    private static final String COLUMNS = "mis_code, row_key, ccc_id, latest_app_id, latest_app_tstmp_submit,"
            + " latest_app_idme_workflow_status, latest_app_idme_optin_timestamp, latest_app_idme_confirmation_timestamp,"
            + " current_idme_workflow_status, current_idme_optin_timestamp, current_idme_confirmation_timestamp,"
            + " current_idme_workflow_status_change_timestamp, transition_valid, report_id, line_number, loaded_at";

    private PlainReportInsert() {
    }

    private static Timestamp timestamp(String text) {
        return text.isEmpty() ? null : Timestamp.valueOf(text + ":00");
    }

    /** @return {rows written, nanoseconds spent writing and committing} */
    public static long[] run(DataSource dataSource, BenchmarkDatabase database, YardstickTable.Method method,
                             Path report, int batch) throws Exception {
        List<String> ddl = database.copyTableSql("bench_plain_report", "idme_status_change", "row_key, mis_code",
                "sis_processed_flag, loaded_at", "ccc_id");
        try (YardstickTable table = new YardstickTable(dataSource.getConnection(), method, "bench_plain_report", COLUMNS, ddl);
             BufferedReader in = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            long rows = 0;
            long timed = 0;
            Timestamp now = Timestamp.valueOf(LocalDateTime.now());
            in.readLine(); // header
            List<Object[]> chunk = new ArrayList<>(batch);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                chunk.add(new Object[] {f[0], f[1] + "|" + f[2] + "|" + f[10], f[1], Long.parseLong(f[2]),
                    timestamp(f[3]), f[4], timestamp(f[5]), timestamp(f[6]), f[7], timestamp(f[8]), timestamp(f[9]),
                    timestamp(f[10]), true, "plain", ++rows + 1, now});
                if (chunk.size() == batch) {
                    timed += table.write(chunk);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                timed += table.write(chunk);
            }
            return new long[] {rows, timed};
        }
    }
}
