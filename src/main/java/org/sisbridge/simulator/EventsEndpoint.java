package org.sisbridge.simulator;

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
    static final int MAX_LIMIT = 1000;

    private final EventFeed feed;
    private final HostileSettings hostile;
    private final FeedPager pager;
    private final PrerenderedPages prerendered;
    private final TokenStore tokens;
    private final FaultScript script;
    private final HttpMisbehaviour misbehaviour;
    private final SimulatorCounters counters;
    /** Not reset with the counters: the random faults stay a function of the request's number since start. */
    private final AtomicLong requestNumber = new AtomicLong();

    EventsEndpoint(EventFeed feed, TokenStore tokens, FaultScript script, HttpMisbehaviour misbehaviour,
                   SimulatorCounters counters, HostileSettings hostile, PrerenderedPages prerendered) {
        this.feed = feed;
        this.hostile = hostile;
        this.pager = new FeedPager(feed);
        this.prerendered = prerendered;
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
        // hostile switches can be turned on while running, and change the page: then it is made afresh
        PrerenderedPages.Page ready = hostile.eventsPagesAsAsked() ? prerendered.find(misCode, after, limit) : null;
        if (ready != null) {
            counters.served(ready.events(), ready.copies());
            counters.prerenderedPageServed();
            reply.rendered(200, ready.body());
            return;
        }
        boolean hasCursor = after != null && !after.isEmpty();
        Optional<FeedPosition> from = hasCursor ? FeedCursor.decode(after, feed.size()) : Optional.of(FeedPosition.START);
        if (from.isEmpty()) {
            reply.error(400, "invalid_cursor", "after is not a cursor this server issued");
            return;
        }
        // a hostile upstream may send more events than were asked for
        EventsAnswer answer = EventsAnswer.of(pager, misCode, after, from.get(), limit + hostile.oversizedPageExtraEvents);
        counters.served(answer.page().items().size(), answer.page().copies());
        long padding = hostile.oversizedPageBytes;
        reply.trickle(hostile.trickleEventsMillis).json(200, g -> answer.write(g, padding));
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
