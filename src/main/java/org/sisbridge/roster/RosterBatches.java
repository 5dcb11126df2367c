package org.sisbridge.roster;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.staging.ProgressMarkerMovedException;

/**
 * The batches of the roster flow between "recorded" and "settled": which are open, the body each
 * is sent with (rebuilt from the outbox, so a resent batch carries the same students), and the job
 * upstream gave it.
 */
public class RosterBatches {

    private final DataSource dataSource;
    private final CccidRequestTable requests;
    private final CccidBatchTable batches;
    private final BulkAccountJson json;
    private final Clock clock;

    public RosterBatches(DataSource dataSource, CccidRequestTable requests, CccidBatchTable batches, BulkAccountJson json,
                         Clock clock) {
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
     * OPEN, or whose SENT students are not the ones it was recorded with, is not sent at all: another
     * run moved it, and sending what is left would be a second, different request under its key.
     */
    public byte[] requestBody(OpenBatch batch) throws SQLException, IOException {
        List<RosterStudent> students = RosterTransaction.run(dataSource, c -> {
            if (!batches.countAttempt(c, batch.batchId(), now())) {
                throw new ProgressMarkerMovedException("roster batch " + batch.batchId() + " is no longer OPEN");
            }
            List<RosterStudent> sent = requests.ofBatch(c, batch.batchId());
            if (sent.size() != batch.studentCount()) {
                throw new ProgressMarkerMovedException("roster batch " + batch.batchId() + " holds " + sent.size()
                        + " SENT student(s), it was recorded with " + batch.studentCount());
            }
            return sent;
        });
        return json.requestBody(batch.batchId(), students);
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
