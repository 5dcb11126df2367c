package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.ReportRowAnomaly;
import org.sisbridge.testsupport.StagingQueries;

/**
 * What every recovery test of the reports flow ends with: each good row of MIS 111's reports staged
 * once, each bad row rejected once, and each report's load row counting all of its rows.
 */
final class ReportsStagedExactlyOnce {

    private ReportsStagedExactlyOnce() {
    }

    static void assertStaged(StagingQueries db, ReportCatalog catalog) throws IOException {
        Set<String> good = new HashSet<>();
        Set<String> bad = new HashSet<>();
        for (ReportCatalog.Entry report : catalog.reports("111", null)) {
            catalog.write(report, OutputStream.nullOutputStream(), (row, line) -> {
                if (row.anomaly() == ReportRowAnomaly.NONE) {
                    good.add(row.cccid() + "|" + row.latestAppId() + "|" + row.changedAt());
                } else {
                    bad.add(report.reportId() + ":" + line);
                }
            });
        }
        var keys = db.column("SELECT row_key FROM idme_status_change");
        assertThat(keys).hasSize(good.size());
        assertThat(new HashSet<>(keys)).isEqualTo(good);
        var rejectKeys = db.column("SELECT record_key FROM sisbridge_reject");
        assertThat(rejectKeys).hasSize(bad.size());
        assertThat(new HashSet<>(rejectKeys)).isEqualTo(bad);
        assertThat(db.column("SELECT rows_loaded + rows_rejected FROM sisbridge_report_load"))
                .extracting(n -> ((Number) n).longValue()).containsExactlyInAnyOrderElementsOf(
                        catalog.reports("111", null).stream().map(e -> catalog.fingerprint(e).rows()).toList());
    }
}
