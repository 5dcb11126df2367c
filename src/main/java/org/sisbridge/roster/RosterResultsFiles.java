package org.sisbridge.roster;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.csv.SpreadsheetSafeCell;
import org.sisbridge.csv.SpreadsheetSafeRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes, for each dropped roster file whose students are all settled, a results CSV for the staff
 * member who dropped it: line, local_id, outcome (CREATED / EXISTING / REJECTED / ERROR /
 * UNREADABLE), cccid, matched_on, reason; for a workbook roster (.xlsx) also as a workbook
 * ({@link RosterResultsWorkbook}). Streamed from the database; written to a temporary file
 * and renamed, so nobody opens half a file. Every cell goes through {@link SpreadsheetSafeCell}: staff
 * open this file in a spreadsheet program, and neither upstream nor a roster value may run there.
 */
public class RosterResultsFiles {

    static final String HEADER = "line,local_id,outcome,cccid,matched_on,reason";
    private static final Logger LOG = LoggerFactory.getLogger(RosterResultsFiles.class);

    private final DataSource dataSource;
    private final RosterFileTable files;
    private final MappedTable requests;
    private final MappedTable results;
    private final String rejectTable;
    private final Path outbox;
    private final Clock clock;

    /** The generic layout's tables of those names. */
    public RosterResultsFiles(DataSource dataSource, RosterFileTable files, String requestTable, String resultTable,
                              String rejectTable, Path outbox, Clock clock) {
        this(dataSource, files, new CccidRequestTable(requestTable), new CccidResultTable(resultTable), rejectTable, outbox,
                clock);
    }

    public RosterResultsFiles(DataSource dataSource, RosterFileTable files, CccidRequestTable requests,
                              CccidResultTable results, String rejectTable, Path outbox, Clock clock) {
        this.dataSource = dataSource;
        this.files = files;
        this.requests = requests.mapped();
        this.results = results.mapped();
        this.rejectTable = rejectTable;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @return results files written now */
    public int writeSettled() throws SQLException, IOException {
        List<String[]> settled = RosterTransaction.run(dataSource, files::settledWithoutResults);
        for (String[] file : settled) {
            Path target = write(file[0], file[1]);
            RosterTransaction.run(dataSource, c -> {
                files.resultsWritten(c, file[0], target.getFileName().toString(), Timestamp.valueOf(LocalDateTime.now(clock)));
                return null;
            });
            LOG.info("Roster results for {} written to {}", file[1], target);
        }
        return settled.size();
    }

    private Path write(String source, String fileName) throws SQLException, IOException {
        Files.createDirectories(outbox);
        // every kind the inbox reads: NAME.txt gives NAME-results.csv, never NAME.txt-results.csv
        String base = fileName.replaceAll("(?i)\\.(csv|txt|xlsx|xlsm)$", "");
        Path target = outbox.resolve(base + "-results.csv");
        if (Files.exists(target)) {
            target = outbox.resolve(base + "-results-" + System.currentTimeMillis() + ".csv");
        }
        Path temp = outbox.resolve("." + target.getFileName() + ".tmp");
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
            out.write(HEADER + "\r\n");
            RosterTransaction.run(dataSource, c -> {
                writeStudents(c, source, out);
                writeUnreadable(c, fileName, source.substring(source.lastIndexOf(':') + 1, source.lastIndexOf(':') + 17), out);
                return null;
            });
        }
        Path csv = Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        if (WorkbookRosterRecords.isWorkbook(fileName)) {
            try {
                LOG.info("Roster results for {} also written as a workbook: {}", fileName, RosterResultsWorkbook.writeFrom(csv));
            } catch (IOException | RuntimeException e) {
                // the CSV is written and counts: failing here would write it again on every poll
                LOG.warn("Roster results workbook for {} could not be written ({}); its results CSV {} is complete",
                        fileName, e.toString(), csv.getFileName());
            }
        }
        return csv;
    }

    private void writeStudents(Connection c, String source, Writer out) throws SQLException {
        MappedTable r = requests;
        MappedTable s = results;
        try (PreparedStatement ps = c.prepareStatement("SELECT r." + r.col("source_line") + ", r." + r.col("local_id")
                + ", r." + r.col("status") + ", r." + r.col("status_reason") + ", s." + s.col("outcome") + ", s."
                + s.col("ccc_id") + ", s." + s.col("matched_on") + " FROM " + r.table() + " r LEFT JOIN " + s.table()
                + " s ON s." + s.col("request_id") + " = r." + r.col("request_id") + " WHERE r." + r.col("source")
                + " = ? ORDER BY r." + r.col("request_id"))) {
            ps.setFetchSize(1000);
            r.set(ps, 1, "source", source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(3);
                    String outcome = rs.getString(5) != null ? rs.getString(5) : r.is("status", "ERROR", status) ? "ERROR" : "REJECTED";
                    row(out, rs.getString(1), rs.getString(2), outcome, rs.getString(6), rs.getString(7),
                            r.is("status", "DONE", status) ? null : rs.getString(4));
                }
            }
        }
    }

    private void writeUnreadable(Connection c, String fileName, String keyPrefix, Writer out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT line_number, reason FROM " + rejectTable
                + " WHERE source = ? AND source_ref = ? AND record_key LIKE ? ORDER BY line_number")) {
            ps.setString(1, RosterFileLoader.REJECT_SOURCE);
            ps.setString(2, fileName);
            ps.setString(3, keyPrefix + ":%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row(out, rs.getString(1), null, "UNREADABLE", null, null, rs.getString(2));
                }
            }
        }
    }

    private static void row(Writer out, String... fields) {
        try {
            SpreadsheetSafeRow.write(out, fields);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the results file: " + e.getMessage(), e);
        }
    }
}
