package org.sisbridge.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.roster.RosterFileTable;
import org.sisbridge.staging.dialect.StagingDialect;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * The latest roster files staff dropped, with their names: for the staff roster page only (after a login), since a
 * file's name may carry a student's. The public status page shows the same files by their sha256 prefix alone.
 */
public class RecentRosterFiles {

    /** loadedAt is the staged UTC wall-clock time. */
    public record File(String name, String sha256, String encoding, long rows, long unreadableLines, LocalDateTime loadedAt) {
    }

    private final DataSource dataSource;
    private final TableMapping t;
    private final StagingDialect dialect;

    public RecentRosterFiles(DataSource dataSource, StagingMapping mapping, StagingDialect dialect) {
        this.dataSource = dataSource;
        this.t = mapping.table("cccid_roster_file");
        this.dialect = dialect;
    }

    /** The latest files, newest first. */
    public List<File> latest(int limit) throws SQLException {
        String sql = dialect.limit("SELECT " + t.column("file_name") + ", " + t.column("source") + ", " + t.column("encoding")
                + ", " + t.column("row_count") + ", " + t.column("unreadable_lines") + ", " + t.column("loaded_at") + " FROM "
                + t.table() + " ORDER BY " + t.column("loaded_at") + " DESC", limit);
        List<File> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                files.add(new File(rs.getString(1), RosterFileTable.shortSha256(rs.getString(2)), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), t.readTimestamp("loaded_at", rs, 6)));
            }
        }
        return files;
    }
}
