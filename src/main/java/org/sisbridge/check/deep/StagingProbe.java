package org.sisbridge.check.deep;

import java.time.Instant;
import java.util.List;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.staging.FlowRunStore;
import org.sisbridge.staging.Reject;
import org.sisbridge.staging.RejectWriter;

/** The statements every flow shares: the rejects insert (with its duplicate lookup) and the flow-run upsert. */
final class StagingProbe {

    private static final String FLOW = "staging";

    private StagingProbe() {
    }

    static void run(ProbeContext p) {
        RejectWriter rejects = new RejectWriter(p.settings().rejectTable(), p.clock());
        Reject reject = new Reject(ProbeContext.MARK, ProbeContext.MARK + "-reject", ProbeContext.MARK, 1L,
                "{\"probe\":true}", RejectReason.MISSING_FIELD, "field 'probe'");
        p.steps().run(FLOW, "reject insert and duplicate lookup (" + p.settings().rejectTable() + ")", () -> {
            if (rejects.write(p.connection(), List.of(reject)).size() != 1) {
                throw ProbeSteps.unexpected("the new reject was taken for one already written");
            }
            if (!rejects.write(p.connection(), List.of(reject)).isEmpty()) {
                throw ProbeSteps.unexpected("the reject just written was not found again; a redelivered bad record would be kept twice");
            }
            return true;
        });
        FlowRunStore runs = new FlowRunStore(p.dataSource(), p.settings().flowRunTable(), p.settings().database().dialect());
        p.steps().run(FLOW, "flow-run upsert (" + p.settings().flowRunTable() + "), insert then update", () -> {
            runs.success(p.connection(), ProbeContext.MARK, ProbeContext.MARK, Instant.now(p.clock()), new BatchCounts(1, 1, 0, 0));
            runs.success(p.connection(), ProbeContext.MARK, ProbeContext.MARK, Instant.now(p.clock()), new BatchCounts(2, 1, 1, 0));
            return true;
        });
    }
}
