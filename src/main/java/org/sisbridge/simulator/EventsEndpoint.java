package org.sisbridge.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET /v1/colleges/{mis}/idme/events. Checks run in the order a real gateway would apply them:
 * injected faults (the edge fails before looking at the request), then the token, then the MIS
 * code, then the parameters.
 */
final class EventsEndpoint {
    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 1000;

    private final EventFeed feed;
    private final HostileSettings hostile;
    private final FeedPager pager;
    private final TokenStore tokens;
    private final FaultScript script;
    private final HttpMisbehaviour misbehaviour;
    private final SimulatorCounters counters;
    /** Not reset with the counters: the random faults stay a function of the request's number since start. */
    private final AtomicLong requestNumber = new AtomicLong();

    EventsEndpoint(EventFeed feed, TokenStore tokens, FaultScript script, HttpMisbehaviour misbehaviour,
                   SimulatorCounters counters, HostileSettings hostile) {
        this.feed = feed;
        this.hostile = hostile;
        this.pager = new FeedPager(feed);
        this.tokens = tokens;
        this.script = script;
        this.misbehaviour = misbehaviour;
        this.counters = counters;
    }

    void handle(HttpExchange exchange, Reply reply, String misCode) throws IOException, InterruptedException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            reply.header("Allow", "GET").error(405, "method_not_allowed", "use GET");
            return;
        }
        long n = requestNumber.incrementAndGet();
        InjectedFault fault = script.next().orElseGet(() -> misbehaviour.decide(n));
        if (fault.delayMillis() > 0) {
            Thread.sleep(fault.delayMillis());
        }
        if (fault.status() != 0) {
            if (fault.retryAfterSeconds() > 0) {
                reply.header("Retry-After", Integer.toString(fault.retryAfterSeconds()));
            }
            reply.error(fault.status());
            return;
        }
        if (!tokens.isValid(bearerToken(exchange))) {
            reply.header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .error(401, "unauthorized", "missing, expired or revoked access token");
            return;
        }
        if (!feed.servedMisCodes().contains(misCode)) {
            reply.error(403, "forbidden", "this client may not read events for that MIS code");
            return;
        }
        Map<String, String> query = FormFields.parse(exchange.getRequestURI().getRawQuery());
        Integer limit = limit(query.get("limit"));
        if (limit == null) {
            reply.error(400, "invalid_limit", "limit must be an integer 1.." + MAX_LIMIT);
            return;
        }
        String after = query.get("after");
        boolean hasCursor = after != null && !after.isEmpty();
        Optional<FeedPosition> from = hasCursor ? FeedCursor.decode(after, feed.size()) : Optional.of(FeedPosition.START);
        if (from.isEmpty()) {
            reply.error(400, "invalid_cursor", "after is not a cursor this server issued");
            return;
        }
        // a hostile upstream may send more events than were asked for
        FeedPage page = pager.page(misCode, from.get(), limit + hostile.oversizedPageExtraEvents);
        // An exhausted feed answers with the cursor the client sent, so it can keep asking with it.
        String nextCursor = page.items().isEmpty() && hasCursor ? after : FeedCursor.encode(page.next());
        counters.served(page.items().size(), page.copies());
        reply.trickle(hostile.trickleEventsMillis).json(200, g -> writePage(g, page, nextCursor, hostile.oversizedPageBytes));
    }

    private static void writePage(JsonGenerator g, FeedPage page, String nextCursor, long paddingBytes) throws IOException {
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

    /** The limit, DEFAULT_LIMIT when absent, or null when it is not an integer within 1..MAX_LIMIT. */
    private static Integer limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            return limit >= 1 && limit <= MAX_LIMIT ? limit : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String bearerToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
