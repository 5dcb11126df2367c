package org.sisbridge.check.deep;

import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import org.sisbridge.roster.CccidBatchTable;
import org.sisbridge.roster.CccidRequestTable;
import org.sisbridge.roster.CccidResultTable;
import org.sisbridge.roster.RosterFileTable;
import org.sisbridge.roster.RosterStudent;
import org.sisbridge.roster.StudentResult;

/**
 * The roster flow's statements, in the order one student goes through them: the file row, the outbox
 * insert, PENDING to SENT in a batch, the job recorded, a failed job's requeue, the result, DONE, the
 * batch closed, the results file noted. Each state change must move exactly the synthetic row.
 */
final class RosterProbe {

    private static final String FLOW = "roster";
    /** Pending rows read per round while looking for the synthetic one (the newest, so the last). */
    private static final int PAGE = 1000;

    private RosterProbe() {
    }

    static void run(ProbeContext p) {
        CccidRequestTable requests = new CccidRequestTable(p.mapping().table("cccid_request"));
        CccidBatchTable batches = new CccidBatchTable(p.mapping().table("cccid_batch"));
        CccidResultTable results = new CccidResultTable(p.mapping().table("cccid_result"));
        RosterFileTable files = new RosterFileTable(p.mapping().table("cccid_roster_file"), requests);
        String source = ProbeContext.MARK + ".csv sha256:" + "0".repeat(64);
        String localId = ProbeContext.MARK;
        String batchId = ProbeContext.MARK + "-batch";
        String jobId = ProbeContext.MARK + "-job";
        ProbeSteps steps = p.steps();
        steps.run(FLOW, "roster file row insert (" + p.mapping().table("cccid_roster_file").table() + ")", () -> {
            files.insert(p.connection(), source, ProbeContext.MARK + ".csv", 1, 0, p.timestamp(), "UTF-8");
            return true;
        });
        RosterStudent student = new RosterStudent(0, localId, "Deep", null, "Check", "2000-01-01",
                "deep.check@example.edu", "5555550100", "90001");
        Object queued = steps.run(FLOW, "outbox insert (" + requests.name() + ")", () -> {
            try (PreparedStatement insert = requests.prepareInsert(p.connection())) {
                requests.bindInsert(insert, p.misCode(), student, LocalDate.of(2000, 1, 1), null, source, 1, p.timestamp());
                return insert.executeUpdate();
            }
        });
        if (queued == null) {
            steps.skip(FLOW, "outbox state changes", "they need the outbox row the insert above could not write");
            return;
        }
        Long requestId = steps.run(FLOW, "outbox PENDING read", () -> findPending(p, requests, localId));
        if (requestId == null) {
            steps.skip(FLOW, "outbox state changes", "they need the outbox row's request id");
            return;
        }
        List<Long> ids = List.of(requestId);
        steps.run(FLOW, "batch insert (" + p.mapping().table("cccid_batch").table() + ")", () -> {
            batches.create(p.connection(), batchId, p.misCode(), 1, p.timestamp());
            return true;
        });
        steps.run(FLOW, "outbox PENDING -> SENT", () -> expectOne(requests.markSent(p.connection(), batchId, ids, p.timestamp())));
        steps.run(FLOW, "batch attempt counted", () -> expect(batches.countAttempt(p.connection(), batchId, p.timestamp())));
        steps.run(FLOW, "batch job recorded (SUBMITTED)", () -> expect(batches.recordJob(p.connection(), batchId, jobId, p.timestamp())));
        steps.run(FLOW, "outbox rows of the batch read", () -> expectOne(requests.ofBatch(p.connection(), batchId).size()));
        steps.run(FLOW, "failed job's students requeued (SENT -> PENDING)", () -> expectOne(requests.requeueBatch(
                p.connection(), batchId, Integer.MAX_VALUE, "UPSTREAM_JOB_FAILED", "probe", p.timestamp())));
        steps.run(FLOW, "outbox PENDING -> SENT again", () -> expectOne(requests.markSent(p.connection(), batchId, ids, p.timestamp())));
        steps.run(FLOW, "result insert (" + p.mapping().table("cccid_result").table() + ")", () -> {
            results.insert(p.connection(), List.of(new CccidResultTable.Row(requestId, p.misCode(), batchId, jobId,
                    new StudentResult(localId, "CREATED", ProbeContext.CCCID, List.of(), null))), p.timestamp());
            return true;
        });
        steps.run(FLOW, "outbox SENT -> DONE (compare-and-set)", () -> {
            requests.settle(p.connection(), "SENT", batchId,
                    List.of(new CccidRequestTable.Settlement(requestId, "DONE", null, null)), p.timestamp());
            return true;
        });
        steps.run(FLOW, "batch closed (COMPLETE)", () -> expect(batches.close(p.connection(), batchId, jobId, "COMPLETE", null,
                p.timestamp())));
        steps.run(FLOW, "roster file's results file noted", () -> {
            files.resultsWritten(p.connection(), source, ProbeContext.MARK + "-results.csv", p.timestamp());
            return true;
        });
    }

    /** The synthetic row's request id (the database assigns it); read page by page, as the flow reads the outbox. */
    private static long findPending(ProbeContext p, CccidRequestTable requests, String localId) throws java.sql.SQLException {
        long after = 0;
        while (true) {
            List<RosterStudent> page = requests.pending(p.connection(), p.misCode(), after, PAGE);
            for (RosterStudent s : page) {
                if (localId.equals(s.localId())) {
                    return s.requestId();
                }
            }
            if (page.size() < PAGE) {
                throw ProbeSteps.unexpected("the outbox row just inserted is not found among the PENDING rows of MIS code "
                        + p.misCode());
            }
            after = page.get(page.size() - 1).requestId();
        }
    }

    private static int expectOne(int rows) throws java.sql.SQLException {
        if (rows != 1) {
            throw ProbeSteps.unexpected("moved " + rows + " rows instead of the one synthetic row");
        }
        return rows;
    }

    private static boolean expect(boolean moved) throws java.sql.SQLException {
        if (!moved) {
            throw ProbeSteps.unexpected("the batch row was not in the state the flow expects");
        }
        return true;
    }
}
