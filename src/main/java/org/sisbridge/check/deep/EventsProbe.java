package org.sisbridge.check.deep;

import java.util.List;
import org.sisbridge.events.EventPageWriter;
import org.sisbridge.events.IdmeEvent;
import org.sisbridge.events.IdmeEventTable;
import org.sisbridge.staging.CheckpointStore;

/** The events flow's statements: the insert, the duplicate lookup, the checkpoint's first write and its compare-and-set. */
final class EventsProbe {

    private static final String FLOW = "events";

    private EventsProbe() {
    }

    static void run(ProbeContext p) {
        IdmeEventTable table = new IdmeEventTable(p.mapping().table("idme_status_event"), p.settings().batchSize());
        IdmeEvent event = new IdmeEvent(p.misCode(), ProbeContext.MARK + "-event", "UPDATE_PROFILE", p.now(),
                ProbeContext.CCCID, "Deep", null, "Check", null, "deep.check@example.edu", null, "verified", "unverified",
                p.now(), "{\"probe\":\"" + ProbeContext.MARK + "\"}", true, true);
        List<IdmeEvent> inserted = p.steps().run(FLOW, "insert into " + p.mapping().table("idme_status_event").table(),
                () -> table.insertNew(p.connection(), List.of(event), p.now()));
        if (inserted != null) {
            // the same event again: the table's lookup must find it, or a redelivery would be staged twice
            p.steps().run(FLOW, "duplicate lookup", () -> {
                if (!table.insertNew(p.connection(), List.of(event), p.now()).isEmpty()) {
                    throw ProbeSteps.unexpected("the event just inserted was not found again; a redelivered event would be staged twice");
                }
                return null;
            });
        }
        CheckpointStore checkpoints = new CheckpointStore(p.dataSource(), p.settings().checkpointTable(), p.clock());
        String scope = ProbeContext.MARK;
        Object first = p.steps().run(FLOW, "checkpoint first write (" + p.settings().checkpointTable() + ")", () -> {
            checkpoints.advance(p.connection(), EventPageWriter.FLOW, scope, null, "cursor-1");
            return true;
        });
        if (first != null) {
            p.steps().run(FLOW, "checkpoint compare-and-set", () -> {
                checkpoints.advance(p.connection(), EventPageWriter.FLOW, scope, "cursor-1", "cursor-2");
                return true;
            });
        }
    }
}
