package org.sisbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The reconcile query read in pages of two by local_id: a student the query gives twice (a join) counts once even
 * where its rows straddle a page's edge, rows without a local_id are not read, and on MariaDB (whose default
 * collation holds 'L3' and 'l3' equal) neither of two such local ids is lost at an edge.
 */
class ReconcileQueryPagesTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void everyLocalIdIsReadOnceAcrossThePages(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "reconcile-pages");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sis_student (local_id VARCHAR(20), ccc_id VARCHAR(10), mis VARCHAR(3))");
            s.execute("INSERT INTO sis_student VALUES ('L5', NULL, '111'), ('L2', NULL, '111'), ('L1', NULL, '111'),"
                    + " ('L2', 'AAA1111', '111'), (NULL, NULL, '111'), ('L3', NULL, '111'), ('l3', NULL, '111'),"
                    + " ('L4', NULL, '111'), ('L9', NULL, '222')");
        }
        ReconcileQuery query = ReconcileQuery.parse("sisbridge.reconcile.sql",
                "SELECT local_id, ccc_id FROM sis_student WHERE mis = :mis_code", 2);
        List<String> read = new ArrayList<>();
        query.stream(database.dataSource(), "111", student -> read.add(student.localId()));

        assertThat(read).containsExactlyInAnyOrder("L1", "L2", "L3", "l3", "L4", "L5");

        List<String> firstThree = new ArrayList<>();
        query.stream(database.dataSource(), "111", student -> firstThree.add(student.localId()) && firstThree.size() < 3);
        assertThat(firstThree).as("a stop ends the read").hasSize(3);
    }
}
