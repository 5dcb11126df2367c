package org.sisbridge.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the staging database directly, the way a college's SIS job or a DBA would. */
public final class StagingQueries {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public StagingQueries(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public long count(String sql, Object... args) {
        return ((Number) single(sql, args)).longValue();
    }

    public Object single(String sql, Object... args) {
        List<Object> values = column(sql, args);
        if (values.size() != 1) {
            throw new IllegalStateException("expected one row from " + sql + ", got " + values.size());
        }
        return values.get(0);
    }

    public List<Object> column(String sql, Object... args) {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> row : rows(sql, args)) {
            values.add(row.values().iterator().next());
        }
        return values;
    }

    /** Rows as column-label (lower case) to value maps, in column order. */
    public List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs one change (a test setting up a state the agent must meet); @return the rows it changed */
    public int update(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** True for a database's true in any form: BOOLEAN true, BIT 1, NUMBER(1) 1. */
    public static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() == 1;
    }

    /** reason_code to count, for one source. */
    public Map<String, Long> rejectsByReason(String source) {
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, Object> row : rows("SELECT reason_code, COUNT(*) AS n FROM sisbridge_reject WHERE source = ? GROUP BY reason_code", source)) {
            counts.put((String) row.get("reason_code"), ((Number) row.get("n")).longValue());
        }
        return counts;
    }
}
