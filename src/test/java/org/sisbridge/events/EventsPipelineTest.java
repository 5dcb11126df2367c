package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.EventAnomaly;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.FeedExpectation;
import org.sisbridge.simulator.SimulatedEvent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabases;

/** The events flow over a generated feed with redeliveries and every kind of bad input. */
class EventsPipelineTest {

    private static final Map<EventAnomaly, String> REJECT_REASON = Map.of(
            EventAnomaly.MALFORMED_PAYLOAD, "PAYLOAD_NOT_JSON",
            EventAnomaly.OVERSIZE_FIELD, "FIELD_TOO_LONG",
            EventAnomaly.INVALID_CCCID, "INVALID_CCCID",
            EventAnomaly.WRONG_MIS_CODE, "MIS_CODE_NOT_CONFIGURED");

    static SimulatorSettings everyKindOfBadInput() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 1500;
        s.redeliveryRate = 0.05;
        s.malformedPayloadRate = 0.02;
        s.oversizeFieldRate = 0.02;
        s.unknownEventTypeRate = 0.02;
        s.undocumentedTransitionRate = 0.03;
        s.invalidCccidRate = 0.02;
        s.wrongMisCodeRate = 0.02;
        return s;
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void stagesEveryGoodEventOnceAndRejectsEveryBadOneWithItsReason(DatabaseKind kind) throws Exception {
        try (AgentFixture fixture = new AgentFixture(everyKindOfBadInput(), TestDatabases.create(kind, "events-feed"))
                .property("sisbridge.events.page-size", 200)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();

            EventFeed feed = fixture.simulator.feed();
            Set<String> expectedStored = new HashSet<>();
            Set<String> expectedUndocumented = new HashSet<>();
            Map<String, String> expectedRejects = new HashMap<>();
            for (long i = 0; i < feed.size(); i++) {
                SimulatedEvent e = feed.event("111", i);
                switch (e.anomaly()) {
                    case NONE, UNKNOWN_EVENT_TYPE -> expectedStored.add(e.eventId());
                    case UNDOCUMENTED_TRANSITION -> {
                        expectedStored.add(e.eventId());
                        expectedUndocumented.add(e.eventId());
                    }
                    default -> expectedRejects.put(e.misCode() + "/" + e.eventId(), REJECT_REASON.get(e.anomaly()));
                }
            }
            var db = fixture.db();
            List<Object> storedIds = db.column("SELECT event_id FROM idme_status_event");
            assertThat(new HashSet<>(storedIds)).isEqualTo(expectedStored);
            assertThat(storedIds).hasSameSizeAs(expectedStored);
            Set<Object> undocumented = new HashSet<>();
            for (Map<String, Object> row : db.rows("SELECT event_id, transition_valid FROM idme_status_event")) {
                if (!StagingQueries.isTrue(row.get("transition_valid"))) {
                    undocumented.add(row.get("event_id"));
                }
            }
            assertThat(undocumented).isEqualTo(expectedUndocumented);

            Map<String, String> storedRejects = new HashMap<>();
            for (Map<String, Object> row : db.rows("SELECT record_key, reason_code FROM sisbridge_reject WHERE source = 'idme-events'")) {
                storedRejects.put((String) row.get("record_key"), (String) row.get("reason_code"));
            }
            assertThat(storedRejects).isEqualTo(expectedRejects);

            FeedExpectation expectation = feed.expectation("111");
            assertThat(expectation.redeliveredCopies()).isPositive();
            for (EventAnomaly anomaly : EventAnomaly.values()) {
                assertThat(expectation.count(anomaly)).as("feed has %s", anomaly).isPositive();
            }
            EventsFlowStatistics.Snapshot stats = fixture.eventStatistics().snapshot();
            assertThat(stats.received()).isEqualTo(fixture.simulator.counters().eventsServed());
            assertThat(stats.stored()).isEqualTo(expectedStored.size());
            assertThat(stats.rejectedTotal()).isEqualTo(expectedRejects.size());
            assertThat(stats.duplicates()).isEqualTo(expectation.redeliveredCopies());
            assertThat(stats.undocumentedTransitions()).isEqualTo(expectedUndocumented.size());
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void keepsTheRawPayloadAndLeavesTheSisColumnsEmpty(DatabaseKind kind) throws Exception {
        SimulatorSettings clean = new SimulatorSettings();
        clean.eventsPerMisCode = 50;
        try (AgentFixture fixture = new AgentFixture(clean, TestDatabases.create(kind, "events-columns"))) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            SimulatedEvent first = fixture.simulator.feed().event("111", 0);
            Map<String, Object> row = fixture.db().rows("SELECT * FROM idme_status_event WHERE event_id = ?", first.eventId()).get(0);
            assertThat(row.get("event_payload")).isEqualTo(first.eventPayload());
            assertThat(row.get("ccc_id")).isEqualTo(first.cccid());
            assertThat(row.get("first_name")).isEqualTo(first.firstName());
            assertThat(row.get("idme_status")).isEqualTo(first.idmeStatus());
            assertThat(StagingQueries.isTrue(row.get("transition_valid"))).isTrue();
            assertThat(row.get("received_at")).isNotNull();
            assertThat(row.get("sis_processed_flag")).isNull();
            assertThat(row.get("sis_processed_at")).isNull();
            assertThat(row.get("sis_notes")).isNull();
        }
    }
}
