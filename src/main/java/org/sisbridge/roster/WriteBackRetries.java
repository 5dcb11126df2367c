package org.sisbridge.roster;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.roster.CccidResultTable.PendingWriteBack;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.BatchCounts;

/**
 * On each tick of routes/roster-write-back.yaml (the roster's schedule, its own thread, so a SIS that hangs
 * on them never holds back new batches), the write-backs left PENDING (the SIS refused them) are tried
 * again, each in its own transaction: taken by a compare-and-set from the attempts read, run, and
 * marked DONE, PENDING or FAILED, all committed together. So a CCCID is written back exactly once
 * even when two runs meet, and one refused student never holds back the others.
 *
 * <p>Each run that ends is a success of flow {@value #FLOW} on the status page: a run that failed (the
 * SIS or staging database down) is recorded under that flow by the route's error handling, and only a
 * later run of the same flow clears it; the retries once ran inside the roster run, whose success did.
 */
public class WriteBackRetries {

    /** The flow name of routes/roster-write-back.yaml: its failures and its runs on the status page. */
    public static final String FLOW = "roster-write-back";

    private final DataSource dataSource;
    private final CccidResultTable results;
    private final SisWriteBack writeBack;
    private final int maxPerRun;
    private final Clock clock;
    private final FlowActivity activity;

    /**
     * @param maxPerRun the most write-backs tried again per college and run (sisbridge.roster.write-back.max-retries-per-run)
     * @param activity  where each finished run is recorded (the status page's flow table)
     */
    public WriteBackRetries(DataSource dataSource, CccidResultTable results, SisWriteBack writeBack, int maxPerRun, Clock clock,
                            FlowActivity activity) {
        this.activity = activity;
        this.dataSource = dataSource;
        this.results = results;
        this.writeBack = writeBack;
        this.maxPerRun = maxPerRun;
        this.clock = clock;
    }

    /** @return the write-backs that went through on this run */
    public int retry(String misCode) throws SQLException {
        if (!writeBack.enabled()) {
            return 0;
        }
        List<PendingWriteBack> pending = RosterTransaction.run(dataSource, c -> results.pendingWriteBacks(c, misCode, maxPerRun));
        WriteBackFailures failures = new WriteBackFailures();
        int done = 0;
        int takenElsewhere = 0;
        for (PendingWriteBack p : pending) {
            String state = RosterTransaction.run(dataSource, c -> {
                if (!results.claimWriteBack(c, p, Timestamp.valueOf(LocalDateTime.now(clock)))) {
                    return null; // another run took it
                }
                String error = writeBack.write(c, p.requestId(), misCode, p.batchId(), p.localId(), p.outcome(), p.cccid(),
                        p.matchedOn());
                String after = writeBack.stateAfter(p.attempts() + 1, error);
                results.settleWriteBack(c, p.requestId(), after, error);
                failures.add(after, error);
                return after;
            });
            if (SisWriteBack.DONE.equals(state)) {
                done++;
            } else if (state == null) {
                takenElsewhere++;
            }
        }
        failures.log("Write-back retry for MIS " + misCode, writeBack.maxAttempts());
        // tried, written, taken by another run, still PENDING or FAILED
        activity.success(FLOW, misCode, new BatchCounts(pending.size(), done, takenElsewhere, pending.size() - done - takenElsewhere));
        return done;
    }
}
