package org.sisbridge.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * Every page of every served MIS code's events feed for one limit, rendered to bytes before the
 * simulator listens (a benchmark's switch, {@link SimulatorSettings#prerenderPageSize}). A real
 * upstream runs on other machines; on a small one a simulator making each page as it is asked for
 * takes a share of the very cores the agent's figures are about. With the pages ready it spends its
 * CPU on socket writes only. The price is memory: it holds the whole feed, which the normal path
 * never does.
 *
 * <p>The pages are those a client walking the cursors is given: the first without {@code after},
 * then one for each nextCursor, through the caught-up answer to the last cursor (which it is given
 * again on every later poll). A page is a pure function of (MIS code, cursor, limit), redeliveries
 * and anomalies included, and is rendered by the same {@link EventsAnswer} and {@link Reply} code,
 * so these are the bytes the normal path would write. Any other request goes the normal way.
 */
public final class PrerenderedPages {
    static final PrerenderedPages NONE = new PrerenderedPages(0, Map.of(), 0);

    /** A rendered page body, with the events and redelivered copies the counters count for it. */
    record Page(byte[] body, int events, long copies) {
    }

    /** {@code after} exactly as a client sends it, "" for the first page (a page's answer may echo it). */
    private record Key(String misCode, String after) {
    }

    private final int limit;
    private final Map<Key, Page> pages;
    private final long bytes;

    private PrerenderedPages(int limit, Map<Key, Page> pages, long bytes) {
        this.limit = limit;
        this.pages = pages;
        this.bytes = bytes;
    }

    /** Renders every page for {@code limit} (0: none). */
    static PrerenderedPages render(EventFeed feed, int limit) {
        if (limit == 0) {
            return NONE;
        }
        FeedPager pager = new FeedPager(feed);
        Map<Key, Page> pages = new HashMap<>();
        long bytes = 0;
        for (String misCode : feed.servedMisCodes()) {
            String after = "";
            while (true) {
                FeedPosition from = after.isEmpty() ? FeedPosition.START
                        : FeedCursor.decode(after, feed.size()).orElseThrow(); // a cursor the feed just issued
                EventsAnswer answer = EventsAnswer.of(pager, misCode, after, from, limit);
                byte[] body = Reply.render(g -> answer.write(g, 0));
                pages.put(new Key(misCode, after), new Page(body, answer.page().items().size(), answer.page().copies()));
                bytes += body.length;
                if (answer.page().items().isEmpty()) {
                    break; // the caught-up answer: it hands back the cursor it was asked with
                }
                after = answer.nextCursor();
            }
        }
        return new PrerenderedPages(limit, Map.copyOf(pages), bytes);
    }

    /** The page rendered for this request, or null (after null or empty: the first page). */
    Page find(String misCode, String after, int limit) {
        return limit != this.limit ? null : pages.get(new Key(misCode, after == null ? "" : after));
    }

    /** The limit the pages were rendered for (0: none rendered). */
    public int limit() {
        return limit;
    }

    /** Pages held, the caught-up answers included. */
    public int pageCount() {
        return pages.size();
    }

    /** Bytes of page bodies held. */
    public long bytes() {
        return bytes;
    }
}
