package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/**
 * The events benchmark's simulator answers from pages it rendered before listening; the agent must
 * stage from them exactly what it stages from pages made when asked for, or the benchmark would
 * measure another pipeline.
 */
class PrerenderedFeedTest {
    private static final int PAGE_SIZE = 200;

    @Test
    void theAgentStagesTheSameRowsAndRejectsFromPrerenderedPages() throws Exception {
        Staged normal = stage(EventsPipelineTest.everyKindOfBadInput(), "events-normal");
        SimulatorSettings prerendered = EventsPipelineTest.everyKindOfBadInput();
        prerendered.prerenderPageSize = PAGE_SIZE;
        Staged fromPages = stage(prerendered, "events-prerendered");

        assertThat(normal.prerenderedPagesServed()).isZero();
        assertThat(fromPages.prerenderedPagesServed()).isPositive();
        assertThat(fromPages.events()).hasSize(normal.events().size()).isEqualTo(normal.events());
        assertThat(fromPages.rejects()).isNotEmpty().isEqualTo(normal.rejects());
        assertThat(fromPages.received()).isEqualTo(normal.received());
    }

    /** What the agent staged from a walk of the whole feed, but the moment it received each row. */
    private record Staged(List<Map<String, Object>> events, List<Map<String, Object>> rejects, long received,
                          long prerenderedPagesServed) {
    }

    private static Staged stage(SimulatorSettings settings, String label) throws Exception {
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabase.h2File(label))
                .property("sisbridge.events.page-size", PAGE_SIZE)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            List<Map<String, Object>> events = fixture.db().rows("SELECT * FROM idme_status_event ORDER BY mis_code, event_id");
            events.forEach(row -> row.remove("received_at"));
            // raw_input is a CLOB, which compares by identity: read it as text
            List<Map<String, Object>> rejects = fixture.db().rows("SELECT source, record_key, reason_code, reason,"
                    + " CAST(raw_input AS VARCHAR(100000)) AS raw_input FROM sisbridge_reject ORDER BY source, record_key");
            return new Staged(events, rejects, fixture.eventStatistics().snapshot().received(),
                    fixture.simulator.counters().prerenderedPagesServed());
        }
    }
}
