package org.sisbridge.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Runs a printed DDL script as a DBA's SQL client would: comment lines skipped, one statement per semicolon at a line's end. */
public final class SqlScript {

    private SqlScript() {
    }

    public static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.startsWith("--") || line.isBlank()) {
                continue;
            }
            if (line.endsWith(";")) {
                statements.add(current.append(line, 0, line.length() - 1).toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        return statements;
    }

    public static void run(DataSource dataSource, String script) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements(script)) {
                s.execute(sql);
            }
        }
    }
}
