package org.sisbridge.testsupport;

/**
 * The staging databases the end-to-end suites run on: embedded H2 always, the real servers when
 * present, and SQL Server's and Oracle's migrations and dialect SQL on H2 in those compatibility
 * modes (no real SQL Server or Oracle server is available to the test suite).
 */
public enum DatabaseKind {
    H2,
    POSTGRESQL,
    MARIADB,
    SQLSERVER_ON_H2,
    ORACLE_ON_H2
}
