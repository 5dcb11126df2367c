package org.sisbridge.roster;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.watch.FlowMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches of the roster flow between "recorded" and "settled": which are open, the body each
 * is sent with (rebuilt from the outbox, so a resent batch carries the same students), and the job
 * upstream gave it.
 */
public class RosterBatches {

    private static final Logger LOG = LoggerFactory.getLogger(RosterBatches.class);

    private final DataSource dataSource;
    private final CccidRequestTable requests;
    private final CccidBatchTable batches;
    private final BulkAccountJson json;
    private final Clock clock;
    private final FlowMetrics metrics;

    /** Without meters (tests of the batches alone). */
    public RosterBatches(DataSource dataSource, CccidRequestTable requests, CccidBatchTable batches, BulkAccountJson json,
                         Clock clock) {
        this(dataSource, requests, batches, json, clock, null);
    }

    /** @param metrics counts the students the SIS took back from a batch (null: not counted) */
    public RosterBatches(DataSource dataSource, CccidRequestTable requests, CccidBatchTable batches, BulkAccountJson json,
                         Clock clock, FlowMetrics metrics) {
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.requests = requests;
        this.batches = batches;
        this.json = json;
        this.clock = clock;
    }

    /** Batches an earlier poll or a crashed agent left open: resent with their own batch id. */
    public List<OpenBatch> open(String misCode) throws SQLException {
        return RosterTransaction.run(dataSource, c -> batches.open(c, misCode));
    }

    /**
     * The POST body of a batch; also counts the attempt on the batch row. A batch that is no longer
     * OPEN is not sent at all: another run moved it.
     *
     * <p>The SIS owns the outbox rows and may change them while the batch is in flight (a hold, a
     * deleted row, a row queued again by hand), so the batch may hold fewer SENT students than it was
     * recorded with. It is then sent with the students left, under its own key: upstream answers a key
     * it knows with the job it already has, whatever the body (contract: "the same key again returns
     * the same job and creates nothing new"), and a key it does not know gets a job for exactly the
     * students still SENT. Refusing to send it, as before, held the batch, its other students and
     * every later batch of the college for good. A batch with no student left is closed FAILED and
     * not sent (null): an empty batch would be refused on every run.
     *
     * @return the body, or null when the batch has no student left and was closed
     */
    public byte[] requestBody(OpenBatch batch) throws SQLException, IOException {
        List<RosterStudent> students = RosterTransaction.run(dataSource, c -> {
            if (!batches.countAttempt(c, batch.batchId(), now())) {
                throw new ProgressMarkerMovedException("roster batch " + batch.batchId() + " is no longer OPEN");
            }
            List<RosterStudent> sent = requests.ofBatch(c, batch.batchId());
            if (sent.size() != batch.studentCount()
                    && !batches.shrink(c, batch.batchId(), sent.size(), takenBack(batch, sent.size()), now())) {
                throw new ProgressMarkerMovedException("roster batch " + batch.batchId() + " is no longer OPEN");
            }
            return sent;
        });
        if (students.size() != batch.studentCount()) {
            // counts and ids only: the rows the SIS changed are its own business, and hold student data
            LOG.warn("Roster batch {} for MIS {}: {}", batch.batchId(), batch.misCode(), takenBack(batch, students.size()));
            // the batch row keeps the same sentence (last_error, shown on the status page and by status), and it is counted
            if (metrics != null) {
                metrics.rosterBatchProblem(FlowMetrics.TAKEN_BACK, batch.studentCount() - students.size());
            }
        }
        return students.isEmpty() ? null : json.requestBody(batch.batchId(), students);
    }

    private static String takenBack(OpenBatch batch, int left) {
        return (batch.studentCount() - left) + " of its " + batch.studentCount() + " student(s) are no longer SENT in the"
                + " outbox (the SIS changed or deleted their rows while the batch was in flight); "
                + (left == 0 ? "none is left, so the batch is closed FAILED and not sent"
                : "it is sent with the " + left + " left, under its own key; upstream's answer for the others is not recorded")
                + ". " + RosterBatchNotes.TAKEN_BACK_TO_DO;
    }

    /**
     * Upstream accepted the batch as this job; from now on the batch is polled, not sent. A batch no
     * longer OPEN was moved by another run: this run stops here instead of polling a job twice.
     */
    public OpenBatch recordJob(OpenBatch batch, String jobId) throws SQLException {
        RosterTransaction.run(dataSource, c -> {
            if (!batches.recordJob(c, batch.batchId(), jobId, now())) {
                throw new ProgressMarkerMovedException("roster batch " + batch.batchId() + " is no longer OPEN, job "
                        + jobId + " not recorded");
            }
            return null;
        });
        return new OpenBatch(batch.batchId(), batch.misCode(), jobId, batch.studentCount());
    }

    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(clock));
    }
}
