package org.sisbridge.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.watch.FlowMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a report file from either vehicle through the same steps: scan (sha256, row count, form),
 * refuse it whole if it is not what it claims, else load it; then one log line and the statistics.
 */
public class ReportIntake {

    public static final String FLOW = "idme-status-report";
    private static final Logger LOG = LoggerFactory.getLogger(ReportIntake.class);

    private final ReportLoader loader;
    private final ReportLoadTable loads;
    private final ReportsFlowStatistics statistics;
    private final FlowActivity activity;
    private final FlowMetrics metrics;
    private final OversizedReports oversized;

    public ReportIntake(ReportLoader loader, ReportLoadTable loads, ReportsFlowStatistics statistics, FlowActivity activity,
                        FlowMetrics metrics, OversizedReports oversized) {
        this.oversized = oversized;
        this.loader = loader;
        this.loads = loads;
        this.statistics = statistics;
        this.activity = activity;
        this.metrics = metrics;
    }

    /** A report from the listing: loaded only if its bytes match the listing's sha256 and row count. */
    public ReportOutcome fromUpstream(String misCode, ReportListing listing, DownloadedReport download)
            throws IOException, SQLException, ReportLoadStoppedException {
        try {
            if (download.tooLarge()) {
                // each new try costs a download up to the bound again: the wait doubles with every refusal
                OversizedReports.Wait wait = oversized.refused(listing);
                return refused(listing.reportId(), ReportIdentity.UPSTREAM, misCode, download.problem(),
                        "; refused for size " + wait.refusals() + " time(s), it is not downloaded again before "
                                + wait.until() + " (sisbridge.reports.oversized-retry-max-ms bounds that wait)");
            }
            if (download.problem() != null) {
                return refused(listing.reportId(), ReportIdentity.UPSTREAM, misCode, download.problem());
            }
            oversized.forget(listing);
            ReportScan.Result scan = ReportScan.scan(download.file());
            if (!scan.sha256().equals(listing.sha256())) {
                return refused(listing.reportId(), ReportIdentity.UPSTREAM, misCode, "its sha256 is " + scan.sha256()
                        + ", the listing says " + listing.sha256() + " (" + download.bytes() + " bytes received)");
            }
            if (listing.rowCount() >= 0 && scan.rows() != listing.rowCount()) {
                return refused(listing.reportId(), ReportIdentity.UPSTREAM, misCode, "it has " + scan.rows()
                        + " rows, the listing says " + listing.rowCount());
            }
            long started = System.nanoTime();
            return loaded(loader.load(listing.identity(misCode), download.file()), misCode, started);
        } catch (ReportRefusedException e) {
            return refused(listing.reportId(), ReportIdentity.UPSTREAM, misCode, e.getMessage());
        } finally {
            if (download.file() != null) {
                Files.deleteIfExists(download.file());
            }
        }
    }

    /** A dropped file: identified by its sha256, so the same bytes load once under whatever name. */
    public ReportOutcome fromDrop(String reportId, Path file) throws IOException, SQLException, ReportLoadStoppedException {
        try {
            ReportScan.Result scan = ReportScan.scan(file);
            var loadedAs = loads.loadedAs(scan.sha256());
            if (loadedAs.isPresent()) {
                ReportOutcome skipped = ReportOutcome.alreadyLoaded(reportId, ReportIdentity.DROP,
                        "the same bytes were already loaded as report " + loadedAs.get());
                LOG.info("Report {} (drop) skipped: {}", reportId, skipped.message());
                statistics.record(skipped);
                return skipped;
            }
            ReportIdentity identity = new ReportIdentity(reportId, scan.sha256(), null, null, null, null, ReportIdentity.DROP);
            long started = System.nanoTime();
            return loaded(loader.load(identity, file), "drop", started);
        } catch (ReportRefusedException e) {
            return refused(reportId, ReportIdentity.DROP, "drop", e.getMessage());
        }
    }

    private ReportOutcome loaded(ReportOutcome outcome, String scope, long started) {
        LOG.info("Report {} ({}) loaded: {} rows, {} new, {} already staged, {} rejected {}", outcome.reportId(),
                outcome.source(), outcome.rows(), outcome.rowsNew(), outcome.rowsValid() - outcome.rowsNew(),
                outcome.rejectedTotal(), outcome.rejected());
        statistics.record(outcome);
        metrics.batch(FlowMetrics.REPORTS, outcome.rows(), outcome.rowsNew(), outcome.rowsValid() - outcome.rowsNew(),
                outcome.rejected(), System.nanoTime() - started);
        activity.success(FLOW, scope, new BatchCounts(outcome.rows(), outcome.rowsNew(),
                outcome.rowsValid() - outcome.rowsNew(), outcome.rejectedTotal()));
        return outcome;
    }

    /** A dropped file refused before it is read (one line, and the drop scope's failure on the status page). */
    public ReportOutcome refusedDrop(String reportId, String why) {
        return refused(reportId, ReportIdentity.DROP, "drop", why);
    }

    /** @param scope the same scope as a load's (the MIS code, or "drop"), so a later load clears the failure */
    private ReportOutcome refused(String reportId, String source, String scope, String why) {
        return refused(reportId, source, scope, why, ReportIdentity.UPSTREAM.equals(source)
                ? "; it is tried again on the next poll" : "");
    }

    private ReportOutcome refused(String reportId, String source, String scope, String why, String retry) {
        ReportOutcome outcome = ReportOutcome.refused(reportId, source, why);
        LOG.warn("Report {} ({}) refused, nothing of it loaded: {}{}", reportId, source, why, retry);
        statistics.record(outcome);
        activity.failure(FLOW, scope, "report " + reportId + " refused: " + why);
        return outcome;
    }
}
