package org.sisbridge.roster;

import java.sql.SQLException;
import java.time.LocalDate;
import org.sisbridge.benchmark.BannerLikeSource;
import org.sisbridge.testsupport.SqlScript;
import org.sisbridge.testsupport.TestDatabase;

/**
 * Simplified SIS tables a test creates beside the staging tables, in the layouts the shipped sample
 * source queries read (config/samples/roster-source-banner.sql, -peoplesoft.sql, -colleague.sql): only the columns
 * those queries use, so the samples are proven to run, not just text.
 */
final class SisLayouts {

    private SisLayouts() {
    }

    static void createBanner(TestDatabase db) throws SQLException {
        BannerLikeSource.create(db.dataSource());
    }

    /** A Banner person: current name row, a former name row, e-mail, phone, mailing address, and (if enrolled) a registration. */
    static void bannerStudent(TestDatabase db, int pidm, boolean enrolled, String cccid) throws SQLException {
        String id = localId(pidm);
        StringBuilder sql = new StringBuilder()
                .append("INSERT INTO SPRIDEN VALUES (").append(pidm).append(", '").append(id).append("', 'Lastname").append(letters(pidm))
                .append("', 'First").append(letters(pidm)).append("', NULL, NULL);\n")
                // an earlier name of the same person: the query must not list it
                .append("INSERT INTO SPRIDEN VALUES (").append(pidm).append(", '").append(id).append("', 'Formername', 'Old', NULL, 'N');\n")
                .append("INSERT INTO SPBPERS VALUES (").append(pidm).append(", DATE '").append(birthDate(pidm)).append("');\n")
                .append("INSERT INTO GOREMAL VALUES (").append(pidm).append(", '").append(email(pidm)).append("', 'Y', 'A');\n")
                .append("INSERT INTO GOREMAL VALUES (").append(pidm).append(", 'old").append(pidm).append("@example.org', 'N', 'A');\n")
                .append("INSERT INTO SPRTELE VALUES (").append(pidm).append(", '916', '").append(7000000 + pidm).append("', 'Y', NULL);\n")
                .append("INSERT INTO SPRADDR VALUES (").append(pidm).append(", 'MA', '95814', NULL, NULL);\n");
        if (enrolled) {
            sql.append("INSERT INTO SFRSTCR VALUES (").append(pidm).append(", '202610', 'RE');\n");
            sql.append("INSERT INTO SFRSTCR VALUES (").append(pidm).append(", '202620', 'RW');\n");
        }
        if (cccid != null) {
            sql.append("INSERT INTO GORADID (GORADID_PIDM, GORADID_ADDITIONAL_ID, GORADID_ADID_CODE) VALUES (").append(pidm).append(", '").append(cccid).append("', 'CCID');\n");
        }
        SqlScript.run(db.dataSource(), sql.toString());
    }

    static void createPeopleSoft(TestDatabase db) throws SQLException {
        SqlScript.run(db.dataSource(), """
                CREATE TABLE PS_PERSONAL_DATA (EMPLID VARCHAR(11) NOT NULL, BIRTHDATE DATE);
                CREATE TABLE PS_NAMES (EMPLID VARCHAR(11) NOT NULL, NAME_TYPE VARCHAR(3), EFFDT DATE, FIRST_NAME VARCHAR(30),
                    MIDDLE_NAME VARCHAR(30), LAST_NAME VARCHAR(30));
                CREATE TABLE PS_EMAIL_ADDRESSES (EMPLID VARCHAR(11) NOT NULL, E_ADDR_TYPE VARCHAR(4), EMAIL_ADDR VARCHAR(70),
                    PREF_EMAIL_FLAG VARCHAR(1));
                CREATE TABLE PS_PERSONAL_PHONE (EMPLID VARCHAR(11) NOT NULL, PHONE_TYPE VARCHAR(4), PHONE VARCHAR(24),
                    PREF_PHONE_FLAG VARCHAR(1));
                CREATE TABLE PS_ADDRESSES (EMPLID VARCHAR(11) NOT NULL, ADDRESS_TYPE VARCHAR(4), EFFDT DATE, EFF_STATUS VARCHAR(1),
                    POSTAL VARCHAR(12));
                CREATE TABLE PS_STDNT_ENRL (EMPLID VARCHAR(11) NOT NULL, INSTITUTION VARCHAR(5), STRM VARCHAR(4),
                    STDNT_ENRL_STATUS VARCHAR(1));
                CREATE TABLE PS_EXTERNAL_SYSTEM (EMPLID VARCHAR(11) NOT NULL, EXTERNAL_SYSTEM VARCHAR(3), EXTERNAL_SYSTEM_ID VARCHAR(20));
                """);
    }

    /** A PeopleSoft person: two effective-dated names and addresses (the latest counts), e-mail, phone, enrollment. */
    static void peopleSoftStudent(TestDatabase db, int n, boolean enrolled, String cccid) throws SQLException {
        String id = localId(n);
        StringBuilder sql = new StringBuilder()
                .append("INSERT INTO PS_PERSONAL_DATA VALUES ('").append(id).append("', DATE '").append(birthDate(n)).append("');\n")
                .append("INSERT INTO PS_NAMES VALUES ('").append(id).append("', 'PRI', DATE '2010-01-01', 'Young', NULL, 'Formername');\n")
                .append("INSERT INTO PS_NAMES VALUES ('").append(id).append("', 'PRI', DATE '2024-08-01', 'First").append(letters(n))
                .append("', 'Mid', 'Lastname").append(letters(n)).append("');\n")
                .append("INSERT INTO PS_EMAIL_ADDRESSES VALUES ('").append(id).append("', 'HOME', '").append(email(n)).append("', 'Y');\n")
                .append("INSERT INTO PS_PERSONAL_PHONE VALUES ('").append(id).append("', 'CELL', '916").append(7000000 + n).append("', 'Y');\n")
                .append("INSERT INTO PS_ADDRESSES VALUES ('").append(id).append("', 'HOME', DATE '2015-01-01', 'A', '90001');\n")
                .append("INSERT INTO PS_ADDRESSES VALUES ('").append(id).append("', 'HOME', DATE '2024-01-01', 'A', '95814-1234');\n");
        if (enrolled) {
            sql.append("INSERT INTO PS_STDNT_ENRL VALUES ('").append(id).append("', 'CCC01', '2262', 'E');\n");
        }
        if (cccid != null) {
            sql.append("INSERT INTO PS_EXTERNAL_SYSTEM VALUES ('").append(id).append("', 'CCC', '").append(cccid).append("');\n");
        }
        SqlScript.run(db.dataSource(), sql.toString());
    }

    /** Colleague's files as a SQL layer lays them out, PERSON's multi-valued fields as tables of their own. */
    static void createColleague(TestDatabase db) throws SQLException {
        SqlScript.run(db.dataSource(), """
                CREATE TABLE PERSON (ID VARCHAR(10) NOT NULL, FIRST_NAME VARCHAR(30), MIDDLE_NAME VARCHAR(30), LAST_NAME VARCHAR(57),
                    BIRTH_DATE DATE, ZIP VARCHAR(10));
                CREATE TABLE STUDENTS (STUDENTS_ID VARCHAR(10) NOT NULL);
                CREATE TABLE PEOPLE_EMAIL (ID VARCHAR(10) NOT NULL, PERSON_EMAIL_ADDRESSES VARCHAR(80), PERSON_PREFERRED_EMAIL VARCHAR(1));
                CREATE TABLE PERPHONE (ID VARCHAR(10) NOT NULL, PERSONAL_PHONE_NUMBER VARCHAR(20), PERSONAL_PHONE_TYPE VARCHAR(4));
                CREATE TABLE STUDENT_ACAD_CRED (STC_PERSON_ID VARCHAR(10) NOT NULL, STC_TERM VARCHAR(7), STC_CURRENT_STATUS VARCHAR(1));
                CREATE TABLE PERSON_ALT_IDS (ID VARCHAR(10) NOT NULL, PERSON_ALT_IDS VARCHAR(20), PERSON_ALT_ID_TYPES VARCHAR(8));
                """);
    }

    /** A Colleague person: two e-mails (one preferred), a home and a business phone, and credits active or dropped. */
    static void colleagueStudent(TestDatabase db, int n, boolean enrolled, String cccid) throws SQLException {
        String id = localId(n);
        StringBuilder sql = new StringBuilder()
                .append("INSERT INTO PERSON VALUES ('").append(id).append("', 'First").append(letters(n)).append("', NULL, 'Lastname")
                .append(letters(n)).append("', DATE '").append(birthDate(n)).append("', '95814');\n")
                .append("INSERT INTO STUDENTS VALUES ('").append(id).append("');\n")
                .append("INSERT INTO PEOPLE_EMAIL VALUES ('").append(id).append("', 'old").append(n).append("@example.org', 'N');\n")
                .append("INSERT INTO PEOPLE_EMAIL VALUES ('").append(id).append("', '").append(email(n)).append("', 'Y');\n")
                .append("INSERT INTO PERPHONE VALUES ('").append(id).append("', '916").append(7000000 + n).append("', 'HO');\n")
                .append("INSERT INTO PERPHONE VALUES ('").append(id).append("', '530").append(7000000 + n).append("', 'BU');\n")
                .append("INSERT INTO STUDENT_ACAD_CRED VALUES ('").append(id).append("', '2025FA', 'D');\n");
        if (enrolled) {
            sql.append("INSERT INTO STUDENT_ACAD_CRED VALUES ('").append(id).append("', '2026SP', 'A');\n");
            sql.append("INSERT INTO STUDENT_ACAD_CRED VALUES ('").append(id).append("', '2026SU', 'N');\n");
        }
        if (cccid != null) {
            sql.append("INSERT INTO PERSON_ALT_IDS VALUES ('").append(id).append("', '").append(cccid).append("', 'CCCID');\n");
        }
        SqlScript.run(db.dataSource(), sql.toString());
    }

    static String localId(int n) {
        return String.format("A%08d", n);
    }

    static String email(int n) {
        return "student" + n + "@example.edu";
    }

    /** Names hold no digits: the number spelled in letters. */
    static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            s.append((char) ('a' + (c - '0')));
        }
        return s.toString();
    }

    static LocalDate birthDate(int n) {
        return LocalDate.of(1990, 1, 1).plusDays(n * 37L % 5000);
    }
}
