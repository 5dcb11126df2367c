package org.sisbridge.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Simplified Banner tables, only the columns config/samples/roster-source-banner.sql reads and
 * config/samples/write-back-banner.sql writes (GORADID), so that the shipped samples run as a college would
 * run them: made by the source benchmark in its own database, and by the tests beside their staging tables.
 * Each PIDM column and SPRIDEN_ID are indexed, as Banner's are, or the sample's joins would scan every table
 * once per student and each write-back all of SPRIDEN.
 */
public final class BannerLikeSource {

    private static final String[] TABLES = {
        "CREATE TABLE SPRIDEN (SPRIDEN_PIDM INT NOT NULL, SPRIDEN_ID VARCHAR(9) NOT NULL, SPRIDEN_LAST_NAME VARCHAR(60),"
                + " SPRIDEN_FIRST_NAME VARCHAR(60), SPRIDEN_MI VARCHAR(60), SPRIDEN_CHANGE_IND VARCHAR(1))",
        "CREATE TABLE SPBPERS (SPBPERS_PIDM INT NOT NULL, SPBPERS_BIRTH_DATE DATE)",
        "CREATE TABLE GOREMAL (GOREMAL_PIDM INT NOT NULL, GOREMAL_EMAIL_ADDRESS VARCHAR(128), GOREMAL_PREFERRED_IND VARCHAR(1),"
                + " GOREMAL_STATUS_IND VARCHAR(1))",
        "CREATE TABLE SPRTELE (SPRTELE_PIDM INT NOT NULL, SPRTELE_PHONE_AREA VARCHAR(6), SPRTELE_PHONE_NUMBER VARCHAR(12),"
                + " SPRTELE_PRIMARY_IND VARCHAR(1), SPRTELE_STATUS_IND VARCHAR(1))",
        "CREATE TABLE SPRADDR (SPRADDR_PIDM INT NOT NULL, SPRADDR_ATYP_CODE VARCHAR(2), SPRADDR_ZIP VARCHAR(30),"
                + " SPRADDR_STATUS_IND VARCHAR(1), SPRADDR_TO_DATE DATE)",
        "CREATE TABLE SFRSTCR (SFRSTCR_PIDM INT NOT NULL, SFRSTCR_TERM_CODE VARCHAR(6), SFRSTCR_RSTS_CODE VARCHAR(2))",
        // the columns config/samples/write-back-banner.sql fills; NULL spelled out, or MariaDB makes a TIMESTAMP NOT NULL
        "CREATE TABLE GORADID (GORADID_PIDM INT NOT NULL, GORADID_ADDITIONAL_ID VARCHAR(50), GORADID_ADID_CODE VARCHAR(4),"
                + " GORADID_USER_ID VARCHAR(30), GORADID_ACTIVITY_DATE TIMESTAMP NULL, GORADID_DATA_ORIGIN VARCHAR(30))"};

    private BannerLikeSource() {
    }

    public static void create(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute(table);
                String name = name(table);
                s.execute("CREATE INDEX IX_" + name + "_PIDM ON " + name + " (" + name + "_PIDM)");
            }
            // the write-back finds the person by id, as Banner's own index on SPRIDEN_ID serves it
            s.execute("CREATE INDEX IX_SPRIDEN_ID ON SPRIDEN (SPRIDEN_ID)");
        }
    }

    /**
     * Statistics on the filled tables, as a live SIS has them: without them PostgreSQL plans the sample's joins for
     * empty tables (nested loops over whole-table scans) and the source query crawls.
     */
    public static void analyze(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            for (String table : TABLES) {
                s.execute((postgres ? "ANALYZE " : "ANALYZE TABLE ") + name(table));
            }
        }
    }

    private static String name(String createTable) {
        return createTable.substring("CREATE TABLE ".length(), createTable.indexOf(' ', "CREATE TABLE ".length()));
    }
}
