package org.sisbridge.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The status view after a real events run: the last batch of each MIS code is recorded in the
 * flow-run table, and the snapshot's checkpoints and reject counts are those of the database.
 */
class StatusSnapshotTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void theSnapshotTellsWhatTheEventsRunDid(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.misCodes = List.of("111", "222");
        settings.eventsPerMisCode = 400;
        settings.malformedPayloadRate = 0.03;
        settings.invalidCccidRate = 0.03;
        settings.redeliveryRate = 0.05;
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabases.create(kind, "status-snapshot"))
                .property("sisbridge.events.page-size", 100)) {
            var agent = fixture.start();
            fixture.awaitEventsCaughtUp();
            StatusSnapshot snapshot = agent.bean("statusSnapshotReader", StatusSnapshotReader.class).read();
            StagingQueries db = fixture.db();

            assertThat(snapshot.unreadable()).isEmpty();
            assertThat(snapshot.flows()).extracting(StatusSnapshot.FlowRun::scope).containsExactly("111", "222");
            for (StatusSnapshot.FlowRun run : snapshot.flows()) {
                assertThat(run.flow()).isEqualTo("idme-events");
                assertThat(run.lastSuccessAt()).isNotNull();
                assertThat(run.failing()).isFalse();
                BatchCounts last = run.lastCounts();
                assertThat(last.received()).isEqualTo(last.stored() + last.duplicates() + last.rejected());
            }

            Map<String, Object> cursors = new HashMap<>();
            db.rows("SELECT scope, cursor_value FROM sisbridge_checkpoint").forEach(r -> cursors.put(
                    String.valueOf(r.get("scope")), r.get("cursor_value")));
            Map<String, Object> snapshotCursors = new HashMap<>();
            snapshot.checkpoints().forEach(c -> snapshotCursors.put(c.scope(), c.cursor()));
            assertThat(snapshotCursors).isEqualTo(cursors);

            long rejects = ((Number) db.column("SELECT COUNT(*) FROM sisbridge_reject").get(0)).longValue();
            assertThat(rejects).isPositive();
            assertThat(snapshot.rejectsTotal()).isEqualTo(rejects);
            assertThat(snapshot.rejectCounts()).extracting(StatusSnapshot.RejectCount::reasonCode)
                    .contains("PAYLOAD_NOT_JSON", "INVALID_CCCID");
            assertThat(snapshot.latestRejects()).hasSize((int) Math.min(rejects, 20));
            assertThat(snapshot.pendingRosterStudents()).isZero();
        }
    }
}
