package org.sisbridge.reports;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which reports a poll asks for and takes. The listing is asked from a little before the latest
 * period already loaded (lookback-days: late or re-issued reports still show up), or from the
 * configured start date on a first run; of what it lists, only versions not in the load table are taken.
 *
 * <p>A report the last listing offered that is still not loaded (its load failed on the database, or
 * it was refused) pulls the next listing back to its period, however far behind the latest loaded one
 * it is. Before, the other reports of the poll went on loading, the latest period moved on, and a
 * report of a backfill that failed on a cut connection fell out of the lookback window for good
 * (three of 148 in an audit with the connection cut mid-load). What the last listing offered is kept
 * in the database ({@link OfferedReports}), so a restart in between does not forget it.
 */
public class ReportPoller {

    private static final Logger LOG = LoggerFactory.getLogger(ReportPoller.class);

    private final ReportLoadTable loads;
    private final OversizedReports oversized;
    private final LocalDate startDate;
    private final int lookbackDays;
    private final Clock clock;
    private final ListingLog listingLog;
    /** The date each MIS code's listing was last asked from, for its log line. */
    private final java.util.Map<String, LocalDate> askedSince = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each MIS code's reports its last listing offered for download (or held back as oversized). */
    private final OfferedReports offered;

    /** @param startDate where a first run starts; null = lookback-days before today */
    public ReportPoller(ReportLoadTable loads, OfferedReports offered, LocalDate startDate, int lookbackDays, Clock clock,
                        OversizedReports oversized) {
        if (lookbackDays < 0) {
            throw new IllegalArgumentException("sisbridge.reports.lookback-days must be 0 or more, was " + lookbackDays);
        }
        this.loads = loads;
        this.offered = offered;
        this.oversized = oversized;
        this.startDate = startDate;
        this.lookbackDays = lookbackDays;
        this.clock = clock;
        this.listingLog = new ListingLog(clock);
    }

    public String query(String misCode) throws SQLException {
        LocalDate since = loads.latestPeriodEnd(misCode).map(end -> end.minusDays(lookbackDays))
                .orElseGet(() -> startDate != null ? startDate : LocalDate.now(clock).minusDays(lookbackDays));
        for (OfferedReports.Offer report : offered.of(misCode)) {
            // the listing gives the reports whose period ends on or after since
            if (report.periodEnd() != null && report.periodEnd().isBefore(since)
                    && !loads.isLoaded(report.reportId(), report.sha256())) {
                since = report.periodEnd();
            }
        }
        askedSince.put(misCode, since);
        return "since=" + since;
    }

    /** The listed versions to download, after one line saying what the listing asked and got (see {@link ListingLog}). */
    public List<ReportListing> notYetLoaded(String misCode, List<ReportListing> listed) throws SQLException {
        List<ReportListing> unloaded = unloaded(listed);
        offered.remember(misCode, unloaded);
        List<ReportListing> fresh = notWaiting(unloaded);
        listingLog.listed(misCode, String.valueOf(askedSince.get(misCode)), listed.size(), fresh.size());
        return fresh;
    }

    public List<ReportListing> notYetLoaded(List<ReportListing> listed) throws SQLException {
        return notWaiting(unloaded(listed));
    }

    private List<ReportListing> unloaded(List<ReportListing> listed) throws SQLException {
        List<ReportListing> unloaded = new ArrayList<>();
        for (ReportListing report : listed) {
            if (!loads.isLoaded(report.reportId(), report.sha256())) {
                unloaded.add(report);
            }
        }
        return unloaded;
    }

    private List<ReportListing> notWaiting(List<ReportListing> unloaded) {
        List<ReportListing> fresh = new ArrayList<>();
        for (ReportListing report : unloaded) {
            var wait = oversized.waiting(report);
            if (wait.isPresent()) {
                // one line per poll: the report is not forgotten, only not downloaded again yet
                LOG.info("Report {} is not downloaded before {}: its last {} download(s) were larger than its listing"
                        + " allows", report.reportId(), wait.get().until(), wait.get().refusals());
            } else {
                fresh.add(report);
            }
        }
        return fresh;
    }
}
