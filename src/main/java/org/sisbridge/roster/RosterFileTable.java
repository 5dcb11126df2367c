package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The roster files loaded ({@code cccid_roster_file}) and whether their results file was written. */
public class RosterFileTable {

    private final String table;
    private final String requestTable;

    public RosterFileTable(String table, String requestTable) {
        this.table = table;
        this.requestTable = requestTable;
    }

    boolean exists(Connection c, String source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    void insert(Connection c, String source, String fileName, long rows, long unreadable, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (source, file_name, row_count, unreadable_lines, loaded_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, source);
            ps.setString(2, CccidRequestTable.truncate(fileName, 255));
            ps.setLong(3, rows);
            ps.setLong(4, unreadable);
            ps.setTimestamp(5, now);
            ps.executeUpdate();
        }
    }

    /** Files without a results file whose rows are all DONE, REJECTED or ERROR: {source, file name}. */
    List<String[]> settledWithoutResults(Connection c) throws SQLException {
        List<String[]> settled = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT f.source, f.file_name FROM " + table + " f"
                + " WHERE f.results_written_at IS NULL AND NOT EXISTS (SELECT 1 FROM " + requestTable + " r"
                + " WHERE r.source = f.source AND r.status IN ('PENDING', 'SENT')) ORDER BY f.loaded_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                settled.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return settled;
    }

    void resultsWritten(Connection c, String source, String resultsFile, Timestamp now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET results_written_at = ?, results_file = ? WHERE source = ?")) {
            ps.setTimestamp(1, now);
            ps.setString(2, resultsFile);
            ps.setString(3, source);
            ps.executeUpdate();
        }
    }
}
