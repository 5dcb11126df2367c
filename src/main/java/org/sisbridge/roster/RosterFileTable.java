package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.sisbridge.staging.mapping.TableMapping;

/** The roster files loaded ({@code cccid_roster_file}, or where the mapping sends it) and whether their results file was written. */
public class RosterFileTable {

    private static final List<String> INSERT_FIELDS = List.of("source", "file_name", "row_count", "unreadable_lines",
            "loaded_at", "encoding");

    private final MappedTable t;
    private final MappedTable requests;

    /** The generic layout's tables of those names. */
    public RosterFileTable(String table, String requestTable) {
        this(MappedTable.generic("cccid_roster_file", table), MappedTable.generic("cccid_request", requestTable));
    }

    /** @param mapping where the college's mapping sends the canonical roster file table */
    public RosterFileTable(TableMapping mapping, CccidRequestTable requests) {
        this(new MappedTable(mapping), requests.mapped());
    }

    private RosterFileTable(MappedTable table, MappedTable requests) {
        this.t = table;
        this.requests = requests;
    }

    /**
     * The file loaded before with this content under any name ({file name, loaded at}), or empty. The
     * source ends with the sha256 ({@link RosterFileLoader#source}); a table of one row per file dropped
     * is small enough for the suffix match.
     */
    java.util.Optional<String[]> loadedWithContent(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.col("file_name") + ", " + t.col("loaded_at") + " FROM "
                + t.table() + " WHERE " + t.col("source") + " LIKE ? ORDER BY " + t.col("loaded_at"))) {
            ps.setString(1, "% sha256:" + sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : java.util.Optional.empty();
            }
        }
    }

    /**
     * The first 16 hex digits of a loaded file's sha256, from its source ({@link RosterFileLoader#source}): how the
     * public status page names a file, whose name staff may have made of a student's name. Null when the source has none.
     */
    public static String shortSha256(String source) {
        int at = source == null ? -1 : source.lastIndexOf(" sha256:");
        return at < 0 ? null : source.substring(at + 8, Math.min(source.length(), at + 8 + 16));
    }

    /** @param encoding how the file's text was read (UTF-8, UTF-16LE BOM, windows-1252, ...) */
    public void insert(Connection c, String source, String fileName, long rows, long unreadable, Timestamp now, String encoding)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(t.insertSql(INSERT_FIELDS))) {
            t.bindRow(ps, INSERT_FIELDS, List.of(source, CccidRequestTable.truncate(fileName, 255), rows, unreadable, now,
                    encoding));
            ps.executeUpdate();
        }
    }

    /** Files without a results file whose rows are all DONE, REJECTED or ERROR: {source, file name}. */
    List<String[]> settledWithoutResults(Connection c) throws SQLException {
        List<String[]> settled = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT f." + t.col("source") + ", f." + t.col("file_name") + " FROM "
                + t.table() + " f WHERE f." + t.col("results_written_at") + " IS NULL AND NOT EXISTS (SELECT 1 FROM "
                + requests.table() + " r WHERE r." + requests.col("source") + " = f." + t.col("source") + " AND r."
                + requests.col("status") + " IN (" + requests.literal("status", "PENDING") + ", "
                + requests.literal("status", "SENT") + ")) ORDER BY f." + t.col("loaded_at"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                settled.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return settled;
    }

    /** The full source (name + sha256) of a loaded file, from its name and the sha256 prefix its rejects' keys carry. */
    java.util.Optional<String> source(Connection c, String fileName, String sha256Prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.col("source") + " FROM " + t.table() + " WHERE "
                + t.col("source") + " LIKE ?")) {
            ps.setString(1, RosterFileLoader.source(fileName, sha256Prefix) + "%");
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    public void resultsWritten(Connection c, String source, String resultsFile, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.table() + " SET " + t.col("results_written_at")
                + " = ?, " + t.col("results_file") + " = ? WHERE " + t.col("source") + " = ?")) {
            t.set(ps, 1, "results_written_at", now);
            t.set(ps, 2, "results_file", resultsFile);
            t.set(ps, 3, "source", source);
            ps.executeUpdate();
        }
    }
}
