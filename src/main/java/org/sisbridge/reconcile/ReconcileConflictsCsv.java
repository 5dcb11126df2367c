package org.sisbridge.reconcile;

import java.io.Writer;
import java.sql.Connection;
import javax.sql.DataSource;
import org.sisbridge.csv.SpreadsheetSafeRow;
import org.sisbridge.staging.dialect.StagingDialect;

/**
 * The conflicts of each college's latest complete reconciliation as CSV for Admissions &amp; Records
 * (identifiers and the reason only, never a name): streamed from the database one row at a time, every
 * cell spreadsheet-safe, at most sisbridge.reconcile.csv-max-rows rows; a last line says so when there were more.
 */
public final class ReconcileConflictsCsv {

    static final String[] HEADER = {"mis_code", "local_id", "sis_ccc_id", "upstream_ccc_id", "outcome", "matched_on", "reason",
        "checked_at"};

    private final DataSource dataSource;
    private final StagingDialect dialect;
    private final int maxRows;

    public ReconcileConflictsCsv(DataSource dataSource, StagingDialect dialect, int maxRows) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.maxRows = maxRows;
    }

    /** @return the conflicts written (the header and a cut-off line not counted) */
    public long write(Writer out) throws Exception {
        SpreadsheetSafeRow.write(out, HEADER);
        long[] written = {0};
        boolean[] more = {false};
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            for (String runId : ReconcileTable.latestCompleteRuns(c)) {
                // one row beyond what is left tells whether the cap cut the file short
                ReconcileTable.conflicts(c, runId, (int) Math.min(Integer.MAX_VALUE, maxRows - written[0] + 1), dialect, x -> {
                    if (written[0] >= maxRows) {
                        more[0] = true;
                        return;
                    }
                    SpreadsheetSafeRow.write(out, x.misCode(), x.localId(), x.sisCccId(), x.upstreamCccId(), x.outcome(),
                            x.matchedOn(), x.reason(), x.checkedAt() == null ? null : x.checkedAt().toString());
                    written[0]++;
                });
            }
        }
        if (more[0]) {
            SpreadsheetSafeRow.write(out, "(cut off at sisbridge.reconcile.csv-max-rows = " + maxRows
                    + " rows; the rest are in the staging table cccid_reconcile)");
        }
        return written[0];
    }
}
