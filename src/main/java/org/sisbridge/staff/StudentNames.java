package org.sisbridge.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sisbridge.staging.mapping.TableMapping;

/**
 * Students' names as the events feed last gave them (the reports carry none). Only for staff who
 * asked for names (sisbridge.digest.include-names); never logged.
 */
public class StudentNames {

    private static final int CHUNK = 500;

    private final DataSource dataSource;
    private final TableMapping events;

    public StudentNames(DataSource dataSource, StatusSources sources) {
        this.dataSource = dataSource;
        this.events = sources.events();
    }

    /** @return "First Last" by CCCID, for those the events feed named */
    public Map<String, String> of(Collection<String> cccIds) throws SQLException {
        Map<String, String> names = new HashMap<>();
        List<String> ids = List.copyOf(cccIds);
        try (Connection c = dataSource.getConnection()) {
            for (int start = 0; start < ids.size(); start += CHUNK) {
                List<String> chunk = ids.subList(start, Math.min(ids.size(), start + CHUNK));
                String sql = "SELECT " + events.column("ccc_id") + ", " + events.column("first_name") + ", "
                        + events.column("last_name") + " FROM " + events.table() + " WHERE " + events.column("ccc_id")
                        + " IN (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ") AND "
                        + events.column("last_name") + " IS NOT NULL ORDER BY " + events.column("event_timestamp");
                try (PreparedStatement select = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setObject(i + 1, events.value("ccc_id", chunk.get(i)));
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            // ordered by time: the latest name wins
                            String first = rs.getString(2);
                            names.put(rs.getString(1).trim(), ((first == null ? "" : first.trim() + " ")
                                    + rs.getString(3).trim()).trim());
                        }
                    }
                }
            }
        }
        return names;
    }
}
