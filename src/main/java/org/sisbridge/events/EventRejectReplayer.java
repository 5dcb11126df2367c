package org.sisbridge.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.sisbridge.rejects.RejectReplayer;
import org.sisbridge.rejects.ReplayOutcome;
import org.sisbridge.rejects.StoredReject;

/**
 * Replays a rejected event: the stored event, as received, through the same validator and the
 * same staging table as the feed. The table's key (MIS code, event id) still holds, so an event
 * staged meanwhile counts as a duplicate and is not written twice.
 */
public class EventRejectReplayer implements RejectReplayer {

    private final ObjectMapper json;
    private final EventValidator validator;
    private final IdmeEventTable table;
    private final Clock clock;

    public EventRejectReplayer(ObjectMapper json, EventValidator validator, IdmeEventTable table, Clock clock) {
        this.json = json;
        this.validator = validator;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public String source() {
        return EventValidator.SOURCE;
    }

    @Override
    public ReplayOutcome replay(Connection connection, StoredReject stored) throws SQLException {
        JsonNode raw;
        try {
            raw = json.readTree(stored.rawInput());
        } catch (JsonProcessingException e) {
            return new ReplayOutcome.NotReplayable("its raw input is not the JSON event as received");
        }
        EventCheck check = validator.check(raw);
        if (check instanceof EventCheck.Rejected again) {
            return new ReplayOutcome.StillRejected(again.reject());
        }
        IdmeEvent event = ((EventCheck.Accepted) check).event();
        List<IdmeEvent> inserted = table.insertNew(connection, List.of(event), LocalDateTime.now(clock));
        return new ReplayOutcome.Staged("event " + event.misCode() + "/" + event.eventId(), inserted.isEmpty());
    }
}
