package org.sisbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sisbridge.staging.sis.NamedSql;
import org.sisbridge.testsupport.AgentFixture;

/**
 * The statement a page of the reconcile query is read with. SQL Server refuses an ORDER BY in a derived table
 * ("The ORDER BY clause is invalid in views, inline functions, derived tables, subqueries, and common table
 * expressions, unless TOP, OFFSET or FOR XML is also specified"), and the shipped samples end with one, as the
 * key's comment asked: the query's own final ORDER BY is left out, the page orders by local_id itself.
 */
class ReconcilePageSqlTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reconcile-peoplesoft.sql", "reconcile-banner.sql"})
    void aShippedSampleIsWrappedWithoutItsOwnOrderBy(String sample) throws Exception {
        String text = Files.readString(AgentFixture.HOME.resolve("config/samples/" + sample), StandardCharsets.UTF_8);
        String jdbc = NamedSql.parse("sisbridge.reconcile.sql-file", text, ReconcileQuery.PARAMETERS).jdbcSql();
        assertThat(jdbc).containsIgnoringCase("ORDER BY"); // the sample keeps it: a college may run it by hand

        String page = ReconcileQuery.pageSql(jdbc, ">= ?");
        assertThat(page).endsWith(") reconcile_page WHERE reconcile_page.local_id >= ? ORDER BY reconcile_page.local_id");
        assertThat(page.toUpperCase()).as("one ORDER BY, the page's own").containsOnlyOnce("ORDER BY");
    }

    @Test
    void onlyAFinalTopLevelOrderByThatOnlyOrdersIsLeftOut() {
        assertThat(ReconcileQuery.withoutFinalOrderBy("SELECT a AS local_id, b AS ccc_id FROM t WHERE m = ? order  by\na, b"))
                .isEqualTo("SELECT a AS local_id, b AS ccc_id FROM t WHERE m = ?");
        assertThat(ReconcileQuery.withoutFinalOrderBy("SELECT a AS local_id FROM t ORDER BY UPPER(a) -- by id"))
                .isEqualTo("SELECT a AS local_id FROM t");
        // inside parentheses, quotes and comments it is not the query's own
        String nested = "SELECT a AS local_id, (SELECT MAX(x) FROM u ORDER BY x) AS ccc_id FROM t WHERE n <> 'ORDER BY'"
                + " /* ORDER BY a */ -- ORDER BY a\n";
        assertThat(ReconcileQuery.withoutFinalOrderBy(nested)).isEqualTo(nested);
        assertThat(ReconcileQuery.withoutFinalOrderBy("SELECT reorder_by AS local_id FROM t")).isEqualTo("SELECT reorder_by AS local_id FROM t");
        // an order that chooses rows, or binds a parameter, stays
        for (String kept : new String[] {"SELECT a AS local_id FROM t ORDER BY a LIMIT 10",
                "SELECT a AS local_id FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY",
                "SELECT a AS local_id FROM t ORDER BY CASE WHEN a = ? THEN 0 ELSE 1 END"}) {
            assertThat(ReconcileQuery.withoutFinalOrderBy(kept)).isEqualTo(kept);
        }
    }
}
