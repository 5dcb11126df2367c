package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventFeedDeterminismTest {

    private static SimulatorSettings settings(long seed) {
        SimulatorSettings s = SimulatorSettings.demo();
        s.seed = seed;
        s.misCodes = java.util.List.of("111", "222");
        return s;
    }

    @Test
    void sameSeedGivesTheSameEventsAndExpectation() {
        EventFeed a = new EventFeed(settings(7));
        EventFeed b = new EventFeed(settings(7));
        for (long i = 0; i < a.size(); i += 13) {
            assertThat(a.event("111", i)).isEqualTo(b.event("111", i));
        }
        assertThat(a.expectation("111")).isEqualTo(b.expectation("111"));
    }

    @Test
    void anEventDoesNotDependOnWhatWasAskedBefore() {
        EventFeed feed = new EventFeed(settings(7));
        SimulatedEvent first = feed.event("111", 1234);
        LongStream.range(0, 500).forEach(i -> feed.event("111", i));
        assertThat(feed.event("111", 1234)).isEqualTo(first);
    }

    @Test
    void differentSeedsGiveDifferentEvents() {
        EventFeed a = new EventFeed(settings(7));
        EventFeed b = new EventFeed(settings(8));
        long differentIds = LongStream.range(0, 200)
                .filter(i -> !a.event("111", i).eventId().equals(b.event("111", i).eventId())).count();
        long differentPayloads = LongStream.range(0, 200)
                .filter(i -> !a.event("111", i).eventPayload().equals(b.event("111", i).eventPayload())).count();
        assertThat(differentIds).isEqualTo(200);
        assertThat(differentPayloads).isGreaterThan(150);
    }

    @Test
    void misCodesHaveTheirOwnEventIds() {
        EventFeed feed = new EventFeed(settings(7));
        assertThat(feed.event("111", 5).eventId()).isNotEqualTo(feed.event("222", 5).eventId());
        assertThat(feed.event("222", 5).misCode()).isIn("222", feed.wrongMisCode());
    }

    @Test
    void eventIdsAreUniqueLowerCaseHex() {
        EventFeed feed = new EventFeed(settings(7));
        assertThat(LongStream.range(0, feed.size()).mapToObj(i -> feed.event("111", i).eventId()).distinct().count())
                .isEqualTo(feed.size());
        assertThat(feed.event("111", 0).eventId()).matches("[0-9a-f]{32}");
    }
}
