package org.sisbridge.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of the events feed as received: each event still raw, so a bad one can be kept as it came.
 * <p>
 * Equal only to itself. The events route reads {@code ${body.nextCursor}} and {@code ${body.hasMore}},
 * and Camel's bean cache hashes the body to look its methods up: a record's own hash code walked every
 * JSON tree of the page, twice a page (9 % of the fetch thread's CPU in a recording of issue 17's run).
 */
public record EventPage(List<JsonNode> events, String nextCursor, boolean hasMore) {

    /**
     * Where the feed stands after this page: its nextCursor, or, for the empty last page a server may
     * send without one (nothing new since {@code fromCursor}), the cursor it was fetched with. Never
     * null unless the feed is still at its start: a page without a cursor must not send it back there.
     */
    public String cursorAfter(String fromCursor) {
        return nextCursor != null ? nextCursor : fromCursor;
    }

    /**
     * What is left of the page once its events are checked: the JSON trees, the page's bulk, become
     * garbage on the fetching thread instead of waiting for the writer, and surviving collections.
     */
    public Header header() {
        return new Header(events.size(), nextCursor, hasMore);
    }

    /** A page without its events: how many it held, and where the feed stands after it. */
    public record Header(int received, String nextCursor, boolean hasMore) {

        /** As {@link EventPage#cursorAfter(String)}. */
        public String cursorAfter(String fromCursor) {
            return nextCursor != null ? nextCursor : fromCursor;
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
