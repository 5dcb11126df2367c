package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedPagerTest {

    private static EventFeed feed(int size, double redelivery) {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = size;
        s.redeliveryRate = redelivery;
        return new EventFeed(s);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100, 1000})
    void aFullWalkServesEveryEventOnceAndEveryCopyOnceWithinTheLimit(int limit) {
        EventFeed feed = feed(3000, 0.2);
        FeedPager pager = new FeedPager(feed);
        FeedPosition at = FeedPosition.START;
        Set<Long> originals = new HashSet<>();
        long copies = 0;
        boolean more = true;
        while (more) {
            FeedPage page = pager.page("111", at, limit);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit).isNotEmpty();
            for (FeedPage.Item item : page.items()) {
                if (item.copy()) {
                    copies++;
                    assertThat(originals).as("a copy repeats an event already served").contains(item.event().index());
                } else {
                    assertThat(originals.add(item.event().index())).isTrue();
                }
            }
            at = page.next();
            more = page.hasMore();
        }
        assertThat(originals).hasSize(3000);
        assertThat(copies).isEqualTo(feed.expectation("111").redeliveredCopies()).isGreaterThan(400);
        assertThat(pager.page("111", at, limit).items()).isEmpty();
    }

    @Test
    void aPageIsTheSameEveryTimeItIsAskedFor() {
        FeedPager pager = new FeedPager(feed(3000, 0.2));
        FeedPosition at = new FeedPosition(1234, false);
        assertThat(pager.page("111", at, 50)).isEqualTo(pager.page("111", at, 50));
    }

    @Test
    void aCopyFollowsItsEventAndRepeatsItExactly() {
        EventFeed feed = feed(3000, 0.2);
        FeedPage page = new FeedPager(feed).page("111", FeedPosition.START, 1000);
        for (int k = 0; k < page.items().size(); k++) {
            FeedPage.Item item = page.items().get(k);
            if (item.copy()) {
                long after = page.items().get(k - 1).event().index();
                assertThat(item.event()).isEqualTo(feed.event("111", item.event().index()));
                assertThat(item.event().index()).isBetween(after - 50, after - 1);
            }
        }
    }

    @Test
    void aTenMillionEventFeedServesAPageDeepInsideWithoutPrecomputing() {
        SimulatorSettings s = SimulatorSettings.demo();
        s.eventsPerMisCode = 10_000_000;
        long started = System.nanoTime();
        EventFeed feed = new EventFeed(s);
        FeedPage page = new FeedPager(feed).page("111", new FeedPosition(9_999_000, false), 1000);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(page.items()).hasSizeGreaterThan(900);
        assertThat(page.hasMore()).isTrue();
        assertThat(millis).isLessThan(2000);
        assertThat(feed.population().size()).isEqualTo(2_500_000);
    }

    @Test
    void cursorsRoundTripAndRejectWhatThisServerDidNotIssue() {
        FeedPosition p = new FeedPosition(777, true);
        assertThat(FeedCursor.decode(FeedCursor.encode(p), 1000)).contains(p);
        assertThat(FeedCursor.decode(FeedCursor.encode(new FeedPosition(1000, false)), 1000)).isPresent();
        assertThat(FeedCursor.decode(FeedCursor.encode(new FeedPosition(1001, false)), 1000)).isEmpty();
        assertThat(FeedCursor.decode("not a cursor!", 1000)).isEmpty();
        assertThat(FeedCursor.decode("djI6MTI", 1000)).isEmpty(); // "v2:12"
        assertThat(FeedCursor.encode(p)).matches("[A-Za-z0-9_-]+");
    }
}
