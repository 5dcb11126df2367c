package org.sisbridge.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.sisbridge.upstream.UpstreamAnswerRefusedException;
import org.sisbridge.upstream.UpstreamPermanentException;
import org.sisbridge.upstream.UpstreamTransientException;

/**
 * Reads an events page from the response stream. Each event is kept as a JSON tree without binding
 * it to a class, so fields a newer upstream adds never break parsing. A page that is not valid
 * JSON as a whole (a truncated response) is a transient upstream fault and is fetched again.
 *
 * <p>A page with more events than the {@code limit} asked for is refused at the first event too
 * many, before it is read further: it is not the page the cursor asked for, and its size would be
 * unbounded. Its bytes are bounded apart, by the answer stream (sisbridge.upstream.max-response-bytes).
 */
public class EventPageParser {

    private final ObjectMapper json;
    private final int limit;

    /** @param limit the events asked for per page (sisbridge.events.page-size) */
    public EventPageParser(ObjectMapper json, int limit) {
        this.json = json;
        this.limit = limit;
    }

    public EventPage parse(InputStream body) throws UpstreamTransientException, UpstreamPermanentException {
        List<JsonNode> events = new ArrayList<>();
        String nextCursor = null;
        boolean hasMore = false;
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UpstreamTransientException("events page is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "events" -> readEvents(parser, events);
                    case "nextCursor" -> nextCursor = parser.getValueAsString();
                    case "hasMore" -> hasMore = parser.getValueAsBoolean();
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // too large or too slow: the bound's own line says which
            UpstreamAnswerRefusedException.rethrowIfBound(e);
            // the parser's own message may quote the payload; say only where it broke
            long at = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getCharOffset() : -1;
            throw new UpstreamTransientException("events page could not be read as JSON (truncated?) at character " + at);
        }
        if (nextCursor == null || nextCursor.isEmpty()) {
            // nothing new and nothing more: a server may have no cursor to give yet (an empty feed), and
            // the feed stays where it is (EventPage.cursorAfter); with events or more to come, the cursor
            // is what the next page needs, so such a page is refused and fetched again
            if (!events.isEmpty() || hasMore) {
                throw new UpstreamTransientException("events page with " + events.size() + " event(s)"
                        + (hasMore ? " and more to come" : "") + " carried no nextCursor");
            }
            return new EventPage(events, null, false);
        }
        return new EventPage(events, nextCursor, hasMore);
    }

    private void readEvents(JsonParser parser, List<JsonNode> events)
            throws IOException, UpstreamTransientException, UpstreamPermanentException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new UpstreamTransientException("events page field 'events' is not an array");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (events.size() == limit) {
                throw new UpstreamPermanentException("events page holds more than the " + limit + " events asked for"
                        + " (limit=" + limit + ", sisbridge.events.page-size); refused, nothing of it staged");
            }
            events.add(json.readTree(parser));
        }
    }
}
