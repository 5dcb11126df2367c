package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventFeedContentTest {
    private static final Set<String> SERVED = Set.of("111");
    private static EventFeed feed;
    private static List<SimulatedEvent> events;

    @BeforeAll
    static void generate() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 20_000;
        s.malformedPayloadRate = 0.03;
        s.oversizeFieldRate = 0.03;
        s.unknownEventTypeRate = 0.03;
        s.undocumentedTransitionRate = 0.03;
        s.invalidCccidRate = 0.03;
        s.wrongMisCodeRate = 0.03;
        s.redeliveryRate = 0.05;
        feed = new EventFeed(s);
        events = new ArrayList<>();
        for (long i = 0; i < feed.size(); i++) {
            events.add(feed.event("111", i));
        }
    }

    @Test
    void normalEventsCarryWellFormedCccidsAndDocumentedTransitions() {
        List<SimulatedEvent> normal = events.stream().filter(e -> e.anomaly() == EventAnomaly.NONE).toList();
        assertThat(normal).hasSizeGreaterThan(15_000);
        for (SimulatedEvent e : normal) {
            JsonNode p = payload(e);
            assertThat(p.get("cccid").asText()).matches(WireEventClassifier.CCCID);
            String previous = p.get("previous_idme_status").isNull() ? null : p.get("previous_idme_status").asText();
            String current = p.get("idme_status").asText();
            assertThat(current).isNotEqualTo(previous);
            assertThat(WireEventClassifier.isDocumented(previous, current)).as("%s -> %s", previous, current).isTrue();
            assertThat(e.eventType()).isIn(WireEventClassifier.DOCUMENTED_TYPES);
            assertThat(e.misCode()).isEqualTo("111");
        }
    }

    @Test
    void everyEventIsRecognisedFromItsWireFormAsTheAnomalyItClaims() {
        for (SimulatedEvent e : events) {
            assertThat(WireEventClassifier.classify(SimulatorClient.JSON.valueToTree(e), SERVED))
                    .as("event %d", e.index()).isEqualTo(e.anomaly());
        }
    }

    @Test
    void wellFormedPayloadsFitTheTableAndMalformedOnesDoNotParse() {
        for (SimulatedEvent e : events) {
            assertThat(e.eventPayload().length()).isLessThan(2000);
            assertThat(e.eventTimestamp()).hasSize(24).endsWith("Z");
            assertThat(Instant.parse(e.eventTimestamp())).isAfterOrEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
            if (e.anomaly() != EventAnomaly.MALFORMED_PAYLOAD) {
                JsonNode p = payload(e);
                assertThat(p.get("idme_status").asText()).isNotEqualTo(p.get("previous_idme_status").asText(""));
                JsonNode confirmed = p.get("idme_confirmation_timestamp");
                assertThat(confirmed.isNull() || confirmed.asText().length() == 24).isTrue();
            }
        }
    }

    @Test
    void anomalyRatesAreRoughlyHonouredAndMatchTheExpectation() {
        Map<EventAnomaly, Long> counted = new EnumMap<>(EventAnomaly.class);
        events.forEach(e -> counted.merge(e.anomaly(), 1L, Long::sum));
        FeedExpectation expected = feed.expectation("111");
        for (EventAnomaly a : EventAnomaly.values()) {
            assertThat(expected.count(a)).as(a.name()).isEqualTo(counted.getOrDefault(a, 0L));
            if (a != EventAnomaly.NONE) {
                assertThat(expected.count(a)).as(a.name()).isBetween(450L, 750L); // 3% of 20,000 = 600
            }
        }
        assertThat(expected.distinctEvents()).isEqualTo(20_000);
        assertThat(expected.redeliveredCopies()).isBetween(850L, 1150L); // 5% of 20,000 = 1,000
    }

    @Test
    void newerReleaseFieldsAndPreviousNamesAppearSometimes() {
        long withLevel = events.stream().filter(e -> e.eventPayload().contains("\"verification_level\"")).count();
        long withPreviousName = events.stream().filter(e -> e.anomaly() != EventAnomaly.MALFORMED_PAYLOAD)
                .filter(e -> !payload(e).get("previous_lastName").isNull()).count();
        assertThat(withLevel).isBetween(1000L, 3000L);
        assertThat(withPreviousName).isGreaterThan(500);
    }

    @Test
    void statusHistoriesOfAStudentChainTogether() {
        long n = feed.population().size();
        for (long s = 0; s < 200; s++) {
            String state = null;
            for (long i = s; i < feed.size(); i += n) {
                SimulatedEvent e = feed.event("111", i);
                if (e.anomaly() == EventAnomaly.NONE && state != null && !"expired".equals(state)) {
                    assertThat(e.previousIdmeStatus()).as("student %d event %d", s, i).isEqualTo(state);
                }
                // An undocumented event hides the student's real status; resume the check after the next event.
                state = e.anomaly() == EventAnomaly.UNDOCUMENTED_TRANSITION ? null : e.idmeStatus();
            }
        }
    }

    @Test
    void indexesOutsideTheFeedAreRejected() {
        assertThatThrownBy(() -> feed.event("111", feed.size())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> feed.event("111", -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static JsonNode payload(SimulatedEvent e) {
        try {
            return SimulatorClient.JSON.readTree(e.eventPayload());
        } catch (Exception ex) {
            throw new AssertionError("payload of event " + e.index() + " does not parse", ex);
        }
    }
}
