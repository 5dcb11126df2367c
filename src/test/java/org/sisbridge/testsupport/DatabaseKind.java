package org.sisbridge.testsupport;

/** The staging databases the end-to-end suites run on: embedded H2 always, the real servers when present. */
public enum DatabaseKind {
    H2,
    POSTGRESQL,
    MARIADB
}
