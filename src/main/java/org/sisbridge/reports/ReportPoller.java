package org.sisbridge.reports;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which reports a poll asks for and takes. The listing is asked from a little before the latest
 * period already loaded (lookback-days: late or re-issued reports still show up), or from the
 * configured start date on a first run; of what it lists, only versions not in the load table are taken.
 */
public class ReportPoller {

    private final ReportLoadTable loads;
    private final LocalDate startDate;
    private final int lookbackDays;
    private final Clock clock;

    /** @param startDate where a first run starts; null = lookback-days before today */
    public ReportPoller(ReportLoadTable loads, LocalDate startDate, int lookbackDays, Clock clock) {
        if (lookbackDays < 0) {
            throw new IllegalArgumentException("sisbridge.reports.lookback-days must be 0 or more, was " + lookbackDays);
        }
        this.loads = loads;
        this.startDate = startDate;
        this.lookbackDays = lookbackDays;
        this.clock = clock;
    }

    public String query(String misCode) throws SQLException {
        LocalDate since = loads.latestPeriodEnd(misCode).map(end -> end.minusDays(lookbackDays))
                .orElseGet(() -> startDate != null ? startDate : LocalDate.now(clock).minusDays(lookbackDays));
        return "since=" + since;
    }

    public List<ReportListing> notYetLoaded(List<ReportListing> listed) throws SQLException {
        List<ReportListing> fresh = new ArrayList<>();
        for (ReportListing report : listed) {
            if (!loads.isLoaded(report.reportId(), report.sha256())) {
                fresh.add(report);
            }
        }
        return fresh;
    }
}
