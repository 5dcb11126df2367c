package org.sisbridge.roster;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;

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

    /** The POST body of a batch; also counts the attempt on the batch row. */
    public byte[] requestBody(OpenBatch batch) throws SQLException, IOException {
        List<RosterStudent> students = RosterTransaction.run(dataSource, c -> {
            batches.countAttempt(c, batch.batchId(), now());
            return requests.ofBatch(c, batch.batchId());
        });
        return json.requestBody(batch.batchId(), students);
    }

    /** Upstream accepted the batch as this job; from now on the batch is polled, not sent. */
    public OpenBatch recordJob(OpenBatch batch, String jobId) throws SQLException {
        RosterTransaction.run(dataSource, c -> {
            batches.recordJob(c, batch.batchId(), jobId, now());
            return null;
        });
        return new OpenBatch(batch.batchId(), batch.misCode(), jobId, batch.studentCount());
    }

    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(clock));
    }
}
