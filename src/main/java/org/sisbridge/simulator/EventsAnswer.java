package org.sisbridge.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * What the events API answers to a valid request: the page, the cursor it hands back, and the JSON
 * they are written as. One place for both, so that pages rendered ahead ({@link PrerenderedPages})
 * are the very bytes a request would have been answered with.
 */
record EventsAnswer(FeedPage page, String nextCursor) {

    /** {@code after} as the client sent it (null or empty: from the start), {@code from} what it decodes to. */
    static EventsAnswer of(FeedPager pager, String misCode, String after, FeedPosition from, int limit) {
        FeedPage page = pager.page(misCode, from, limit);
        boolean hasCursor = after != null && !after.isEmpty();
        // An exhausted feed answers with the cursor the client sent, so it can keep asking with it.
        String nextCursor = page.items().isEmpty() && hasCursor ? after : FeedCursor.encode(page.next());
        return new EventsAnswer(page, nextCursor);
    }

    /** The contract's page body; {@code paddingBytes} > 0 pads the first event (a hostile upstream). */
    void write(JsonGenerator g, long paddingBytes) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("events");
        boolean first = true;
        for (FeedPage.Item item : page.items()) {
            SimulatedEvent e = item.event();
            g.writeStartObject();
            g.writeStringField("eventId", e.eventId());
            g.writeStringField("eventType", e.eventType());
            g.writeStringField("eventTimestamp", e.eventTimestamp());
            g.writeStringField("misCode", e.misCode());
            g.writeStringField("eventPayload", e.eventPayload());
            if (first && paddingBytes > 0) {
                OversizedPadding.writeJsonField(g, paddingBytes); // a field a client keeps with the event
            }
            first = false;
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("nextCursor", nextCursor);
        g.writeBooleanField("hasMore", page.hasMore());
        g.writeEndObject();
    }
}
