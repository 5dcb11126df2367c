package org.sisbridge.roster;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sisbridge.roster.RosterSourceQuery.SourceRow;
import org.sisbridge.runtime.FlowActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled run of the SIS source query for one college (routes/roster-source.yaml): its rows are
 * streamed and queued in chunks, each committed as it goes, so a source of any size is read in bounded
 * memory and a run cut short keeps what it committed. At most {@code max-students-per-run} students
 * enter the outbox per run; the rows after that are only counted, and the next run goes on with them.
 * The counts go to the status page; the one log line names no student.
 */
public class RosterSourceRun {

    static final String FLOW = "roster-source";
    private static final Logger LOG = LoggerFactory.getLogger(RosterSourceRun.class);
    /** Longest local id the outbox holds: a longer one cannot be keyed, so it is not queued. */
    private static final int MAX_LOCAL_ID = 64;

    private final DataSource dataSource;
    private final RosterSourceQuery query;
    private final RosterSourceEnqueuer enqueuer;
    private final int chunkSize;
    private final long maxStudentsPerRun;
    private final FlowActivity activity;

    RosterSourceRun(DataSource dataSource, RosterSourceQuery query, RosterSourceEnqueuer enqueuer, int chunkSize,
                    long maxStudentsPerRun, FlowActivity activity) {
        this.dataSource = dataSource;
        this.query = query;
        this.enqueuer = enqueuer;
        this.chunkSize = chunkSize;
        this.maxStudentsPerRun = maxStudentsPerRun;
        this.activity = activity;
    }

    public RosterSourceCounts run(String misCode) throws SQLException {
        RosterSourceCounts counts = RosterSourceCounts.NONE;
        long read = 0;
        long unkeyed = 0;
        long capped = 0;
        List<SourceRow> chunk = new ArrayList<>(chunkSize);
        try (RosterSourceQuery.Rows rows = query.open(dataSource, misCode)) {
            for (SourceRow row = rows.next(); row != null; row = rows.next()) {
                read++;
                if (counts.entered() >= maxStudentsPerRun) {
                    capped++; // only counted: the next run reads it again and queues it
                    continue;
                }
                String localId = UnicodeSpace.stripToNull(row.student().localId());
                if (localId == null || localId.length() > MAX_LOCAL_ID) {
                    unkeyed++;
                    continue;
                }
                chunk.add(new SourceRow(row.number(), row.misCode(), withLocalId(row.student(), localId)));
                if (chunk.size() == chunkSize) {
                    counts = counts.plus(enqueuer.enqueue(misCode, chunk, maxStudentsPerRun - counts.entered()));
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                counts = counts.plus(enqueuer.enqueue(misCode, chunk, maxStudentsPerRun - counts.entered()));
            }
        }
        counts = counts.plus(new RosterSourceCounts(read, 0, 0, 0, unkeyed, capped));
        activity.success(FLOW, misCode, counts.asBatchCounts());
        counts.detailsByScope(misCode).forEach((scope, detail) -> activity.success(FLOW, scope, detail));
        LOG.info("Roster source for MIS {}: {} row(s) read, {} student(s) queued, {} queued again after their fields changed,"
                        + " {} already queued, {} rejected{}{}", misCode, counts.read(), counts.enqueued(), counts.reEnqueued(),
                counts.alreadyQueued(), counts.rejected(),
                counts.skippedByCap() == 0 ? "" : ", " + counts.skippedByCap() + " left for the next run (sisbridge.roster.source"
                        + ".max-students-per-run = " + maxStudentsPerRun + ")",
                unkeyed == 0 ? "" : "; " + unkeyed + " row(s) had an empty local_id or one longer than " + MAX_LOCAL_ID
                        + " characters and cannot be queued: fix them in the SIS or the query");
        return counts;
    }

    private static RosterStudent withLocalId(RosterStudent s, String localId) {
        return new RosterStudent(s.requestId(), localId, s.firstName(), s.middleName(), s.lastName(), s.birthDate(), s.email(),
                s.phone(), s.postalCode());
    }
}
