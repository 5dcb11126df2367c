package org.sisbridge.benchmark;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The yardstick for the reports pipeline: the same report file's rows, written by a bare JDBC batch
 * insert (one commit per batch) into a copy of the report table (same columns, key and indexes) in
 * the same database. Only the inserts and commits are timed: reading and splitting the file is not.
 */
public final class PlainReportInsert {

    private PlainReportInsert() {
    }

    private static Timestamp timestamp(String text) {
        return text.isEmpty() ? null : Timestamp.valueOf(text + ":00");
    }

    /** @return {rows inserted, nanoseconds spent inserting and committing} */
    public static long[] run(DataSource dataSource, Path report, int batch) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (Statement ddl = c.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS bench_plain_report");
                ddl.execute("CREATE TABLE bench_plain_report AS SELECT * FROM idme_status_change WITH NO DATA");
                ddl.execute("ALTER TABLE bench_plain_report ALTER COLUMN row_key SET NOT NULL");
                ddl.execute("ALTER TABLE bench_plain_report ALTER COLUMN mis_code SET NOT NULL");
                ddl.execute("ALTER TABLE bench_plain_report ADD PRIMARY KEY (row_key, mis_code)");
                ddl.execute("CREATE INDEX ix_bench_report_unprocessed ON bench_plain_report (sis_processed_flag, loaded_at)");
                ddl.execute("CREATE INDEX ix_bench_report_ccc_id ON bench_plain_report (ccc_id)");
            }
            c.setAutoCommit(false);
            long rows = 0;
            long timed = 0;
            try (BufferedReader in = Files.newBufferedReader(report, StandardCharsets.UTF_8);
                 PreparedStatement insert = c.prepareStatement("INSERT INTO bench_plain_report (mis_code, row_key, ccc_id,"
                         + " latest_app_id, latest_app_tstmp_submit, latest_app_idme_workflow_status,"
                         + " latest_app_idme_optin_timestamp, latest_app_idme_confirmation_timestamp,"
                         + " current_idme_workflow_status, current_idme_optin_timestamp, current_idme_confirmation_timestamp,"
                         + " current_idme_workflow_status_change_timestamp, transition_valid, report_id, line_number, loaded_at)"
                         + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                Timestamp now = Timestamp.valueOf(LocalDateTime.now());
                in.readLine(); // header
                List<String[]> chunk = new ArrayList<>(batch);
                for (String line = in.readLine(); ; line = in.readLine()) {
                    if (line != null) {
                        chunk.add(line.split(",", -1));
                    }
                    if (chunk.size() == batch || (line == null && !chunk.isEmpty())) {
                        long started = System.nanoTime();
                        for (String[] f : chunk) {
                            insert.setString(1, f[0]);
                            insert.setString(2, f[1] + "|" + f[2] + "|" + f[10]);
                            insert.setString(3, f[1]);
                            insert.setLong(4, Long.parseLong(f[2]));
                            insert.setTimestamp(5, timestamp(f[3]));
                            insert.setString(6, f[4]);
                            insert.setTimestamp(7, timestamp(f[5]));
                            insert.setTimestamp(8, timestamp(f[6]));
                            insert.setString(9, f[7]);
                            insert.setTimestamp(10, timestamp(f[8]));
                            insert.setTimestamp(11, timestamp(f[9]));
                            insert.setTimestamp(12, timestamp(f[10]));
                            insert.setBoolean(13, true);
                            insert.setString(14, "plain");
                            insert.setLong(15, ++rows + 1);
                            insert.setTimestamp(16, now);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        c.commit();
                        timed += System.nanoTime() - started;
                        chunk.clear();
                    }
                    if (line == null) {
                        break;
                    }
                }
            }
            return new long[] {rows, timed};
        }
    }
}
