package org.sisbridge.events;

import java.util.HashSet;
import java.util.Set;
import org.sisbridge.upstream.UpstreamPermanentException;

/**
 * Refuses a page whose nextCursor sends the poll back to a cursor it has already asked with: the
 * same cursor with more to come, or an earlier one of the same poll. Such a feed does not move; taking
 * the page would fetch the same pages again until {@code sisbridge.events.max-pages-per-poll} (1000
 * requests a poll, one log line each, while the status page showed the flow healthy). The poll stops
 * with one line and the cursor where it is; the next poll asks again.
 *
 * <p>The same cursor with nothing more to come is the feed's quiet end, and passes. Cursors are opaque,
 * so a cursor of an earlier poll cannot be told from a new one: the check is within a poll.
 */
public class CursorLoopCheck {

    /** Longest part of a cursor quoted in the line (cursors are opaque, and may be long). */
    private static final int QUOTED = 64;

    /** @return the cursors this poll has asked with, starting with the one it starts from */
    public Set<String> startPoll(String cursor) {
        Set<String> asked = new HashSet<>();
        if (cursor != null) {
            asked.add(cursor);
        }
        return asked;
    }

    /**
     * @param asked      this poll's cursors so far ({@link #startPoll}); the page's own is added
     * @param fromCursor the cursor the page was fetched with
     */
    public void check(Set<String> asked, String fromCursor, EventPage page) throws UpstreamPermanentException {
        if (fromCursor != null) {
            asked.add(fromCursor);
        }
        String next = page.nextCursor();
        if (next == null || !asked.contains(next)) {
            return;
        }
        if (next.equals(fromCursor) && !page.hasMore()) {
            return;
        }
        throw new UpstreamPermanentException("events page fetched with cursor " + quote(fromCursor) + " gave back "
                + (next.equals(fromCursor) ? "the same cursor with more to come" : "the earlier cursor " + quote(next))
                + ": the feed does not move; nothing of the page staged, the cursor stays, the next poll asks again");
    }

    private static String quote(String cursor) {
        if (cursor == null) {
            return "(none)";
        }
        return "'" + (cursor.length() <= QUOTED ? cursor : cursor.substring(0, QUOTED) + "...") + "'";
    }
}
