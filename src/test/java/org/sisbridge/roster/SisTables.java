package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;

/**
 * Simplified SIS identifier tables a write-back writes into: a Banner-like SPRIDEN (person by local
 * id) and GORADID (additional ids), a PeopleSoft-like PS_EXTERNAL_SYSTEM, and a plain log table
 * without a key, so a CCCID written twice would show as two rows.
 */
final class SisTables {
    private SisTables() {
    }

    static String timestamp(DatabaseKind kind) {
        return kind == DatabaseKind.MARIADB ? "DATETIME(3)" : "TIMESTAMP";
    }

    static void banner(TestDatabase db, DatabaseKind kind, List<String> localIds) throws SQLException {
        execute(db, "CREATE TABLE SPRIDEN (SPRIDEN_PIDM BIGINT NOT NULL, SPRIDEN_ID VARCHAR(64) NOT NULL,"
                        + " SPRIDEN_CHANGE_IND VARCHAR(1))",
                "CREATE TABLE GORADID (GORADID_PIDM BIGINT NOT NULL, GORADID_ADDITIONAL_ID VARCHAR(50) NOT NULL,"
                        + " GORADID_ADID_CODE VARCHAR(4) NOT NULL, GORADID_USER_ID VARCHAR(30), GORADID_ACTIVITY_DATE "
                        + timestamp(kind) + ", GORADID_DATA_ORIGIN VARCHAR(30))");
        for (int i = 0; i < localIds.size(); i++) {
            // an older id of the same person (SPRIDEN_CHANGE_IND 'I') must not receive the CCCID
            execute(db, "INSERT INTO SPRIDEN VALUES (" + (1000 + i) + ", '" + localIds.get(i) + "', NULL)",
                    "INSERT INTO SPRIDEN VALUES (" + (5000 + i) + ", '" + localIds.get(i) + "', 'I')");
        }
    }

    static void peopleSoft(TestDatabase db) throws SQLException {
        peopleSoft(db, "PS_EXTERNAL_SYSTEM");
    }

    static void peopleSoft(TestDatabase db, String table) throws SQLException {
        execute(db, "CREATE TABLE " + table + " (EMPLID VARCHAR(11) NOT NULL, EXTERNAL_SYSTEM VARCHAR(3) NOT NULL,"
                + " EFFDT DATE NOT NULL, EXTERNAL_SYSTEM_ID VARCHAR(20) NOT NULL,"
                + " PRIMARY KEY (EMPLID, EXTERNAL_SYSTEM, EFFDT))");
    }

    /** No key at all: the table keeps every write, so the tests can count them. */
    static void log(TestDatabase db) throws SQLException {
        execute(db, "CREATE TABLE SIS_CCCID_LOG (LOCAL_ID VARCHAR(64) NOT NULL, CCC_ID VARCHAR(9) NOT NULL,"
                + " OUTCOME VARCHAR(16), MATCHED_ON VARCHAR(200), MIS_CODE VARCHAR(3))");
    }

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
