package org.sisbridge.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the feed into pages. A page is a pure function of (position, limit), so a client that
 * crashed before storing its cursor gets exactly the same page again.
 *
 * <p>A redelivered copy follows its event on the same page; when both do not fit the page ends
 * before the event, and only when the event alone fills a page (limit 1) does its copy open the
 * next page. Either way every copy is served exactly once per walk and no page exceeds its limit.
 */
final class FeedPager {
    private final EventFeed feed;

    FeedPager(EventFeed feed) {
        this.feed = feed;
    }

    FeedPage page(String misCode, FeedPosition from, int limit) {
        List<FeedPage.Item> items = new ArrayList<>(Math.min(limit, 1024));
        if (from.copyPending()) {
            items.add(copyAfter(misCode, from.offset() - 1));
        }
        long i = from.offset();
        boolean copyPending = false;
        while (i < feed.size() && items.size() < limit) {
            boolean redelivered = feed.redelivered(misCode, i);
            int room = limit - items.size();
            if (redelivered && room < 2 && !items.isEmpty()) {
                break; // keep the event and its copy together on the next page
            }
            items.add(new FeedPage.Item(feed.event(misCode, i), false));
            if (redelivered) {
                if (items.size() < limit) {
                    items.add(copyAfter(misCode, i));
                } else {
                    copyPending = true;
                }
            }
            i++;
        }
        FeedPosition next = new FeedPosition(i, copyPending);
        return new FeedPage(List.copyOf(items), next, copyPending || i < feed.size());
    }

    private FeedPage.Item copyAfter(String misCode, long index) {
        return new FeedPage.Item(feed.event(misCode, feed.redeliveryTarget(misCode, index)), true);
    }
}
