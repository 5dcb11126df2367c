package org.sisbridge.simulator;

import java.util.List;

/** One page of the feed; next is where the following page starts. */
record FeedPage(List<Item> items, FeedPosition next, boolean hasMore) {

    /** An event as served; copy marks a redelivered duplicate of an earlier event. */
    record Item(SimulatedEvent event, boolean copy) {
    }

    long copies() {
        return items.stream().filter(Item::copy).count();
    }
}
