package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/** A report's load row goes in once: a second load of the same version fails its transaction and writes nothing. */
class ReportLoadRowCasTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void aSecondLoadRowForTheSameReportFailsItsTransaction(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "report-load-cas");
        DataSource ds = database.dataSource();
        StagingSchemaMigrator.migrate(ds, database.kind());
        ReportLoadTable loads = new ReportLoadTable(ds, "sisbridge_report_load");
        ReportIdentity report = new ReportIdentity("R1", "ab".repeat(32), "111", "daily", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 1), ReportIdentity.UPSTREAM);

        record(ds, loads, report, 10);
        assertThatThrownBy(() -> record(ds, loads, report, 99)).isInstanceOf(ProgressMarkerMovedException.class);

        assertThat(database.queries().column("SELECT rows_loaded FROM sisbridge_report_load"))
                .extracting(n -> ((Number) n).longValue()).containsExactly(10L);
    }

    private static void record(DataSource ds, ReportLoadTable loads, ReportIdentity report, long rows) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                loads.record(c, report, rows, 0, LocalDateTime.of(2026, 1, 2, 3, 4));
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }
}
