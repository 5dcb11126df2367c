package org.sisbridge.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sisbridge.staging.CheckpointStore;
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

    /** The page's own fields; each may come once. Any other field is skipped (a newer upstream may add some). */
    private static final Set<String> PAGE_FIELDS = Set.of("events", "nextCursor", "hasMore");

    private final ObjectMapper json;
    private final int limit;

    /** @param limit the events asked for per page (sisbridge.events.page-size) */
    public EventPageParser(ObjectMapper json, int limit) {
        this.json = json;
        this.limit = limit;
    }

    public EventPage parse(InputStream body) throws UpstreamTransientException, UpstreamPermanentException {
        return parse(body, null);
    }

    /**
     * @param contentType the answer's Content-Type, named in the line when the page is not JSON (an HTML error
     *                    page sent with 200 by a proxy or a gateway); a page that parses is taken whatever it says
     */
    public EventPage parse(InputStream body, String contentType) throws UpstreamTransientException, UpstreamPermanentException {
        try {
            return read(body);
        } catch (UpstreamTransientException e) {
            if (contentType == null || contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
                throw e;
            }
            throw new UpstreamTransientException(e.getMessage() + "; the answer's Content-Type was '"
                    + contentType.replaceAll("[^\\x20-\\x7E]", "?") + "', not JSON");
        }
    }

    private EventPage read(InputStream body) throws UpstreamTransientException, UpstreamPermanentException {
        List<JsonNode> events = new ArrayList<>();
        String nextCursor = null;
        boolean hasMore = false;
        Set<String> known = new HashSet<>();
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UpstreamTransientException("events page is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (PAGE_FIELDS.contains(field) && !known.add(field)) {
                    // a second "events" array would be merged into the first, or replace it, depending on
                    // the reader: neither is the page the server meant
                    throw new UpstreamTransientException("events page has the field '" + field + "' twice");
                }
                switch (field) {
                    case "events" -> readEvents(parser, events);
                    case "nextCursor" -> {
                        // an object or array read as text is null: the page would pass as "nothing new"
                        // while its events are skipped without a word
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            throw wrongType(field, "a string", value);
                        }
                        nextCursor = parser.getValueAsString();
                    }
                    case "hasMore" -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
                            throw wrongType(field, "true or false", value);
                        }
                        hasMore = value == JsonToken.VALUE_TRUE;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (!known.contains("events")) {
                // a JSON object, but no page: a gateway's error or maintenance answer sent with 200, say. Taken as
                // an empty page it would read as "nothing new" at every poll, a broken feed shown as a quiet one
                throw new UpstreamTransientException("events page has no 'events' array: the answer is a JSON object"
                        + " but not an events page of the contract (its fields are not named in this line)");
            }
            if (parser.nextToken() != null) {
                // an error page glued after the JSON, or two answers in one: not a page of the contract
                throw new UpstreamTransientException("events page has more after its JSON object (at byte "
                        + parser.currentLocation().getByteOffset() + ")");
            }
        } catch (IOException e) {
            // too large or too slow: the bound's own line says which
            UpstreamAnswerRefusedException.rethrowIfBound(e);
            throw unreadable(e);
        }
        return page(events, nextCursor, hasMore);
    }

    private static EventPage page(List<JsonNode> events, String nextCursor, boolean hasMore)
            throws UpstreamTransientException, UpstreamPermanentException {
        if (nextCursor != null && nextCursor.length() > CheckpointStore.MAX_CURSOR_CHARS) {
            // the same page would carry the same cursor again: refused, not retried, and said plainly rather than
            // as the database's "value too long" at every commit
            throw new UpstreamPermanentException("events page carried a nextCursor of " + nextCursor.length()
                    + " characters, more than the " + CheckpointStore.MAX_CURSOR_CHARS + " the checkpoint holds"
                    + " (sisbridge_checkpoint.cursor_value); refused, nothing of it staged, the cursor stays");
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

    private static UpstreamTransientException wrongType(String field, String expected, JsonToken found) {
        return new UpstreamTransientException("events page field '" + field + "' is not " + expected + " but "
                + describe(found));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            default -> String.valueOf(token);
        };
    }

    /**
     * The parser's own message may quote the payload, so the line says only where the page broke (the
     * byte: a stream of bytes has no character count). A read that failed (a reset, a read timeout, a
     * body shorter than announced) is no JSON fault, and says so.
     */
    private static UpstreamTransientException unreadable(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
            long at = jpe.getLocation() == null ? -1 : jpe.getLocation().getByteOffset();
            return new UpstreamTransientException("events page could not be read as JSON (truncated, or not JSON)"
                    + (at >= 0 ? " at byte " + at : ""));
        }
        return new UpstreamTransientException("events page stopped arriving before its end: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
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
