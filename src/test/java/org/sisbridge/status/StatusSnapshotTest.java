package org.sisbridge.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.sisbridge.testsupport.ReconcileRows.student;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.reconcile.ReconcileConflict;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.BatchCounts;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.ReconcileRows;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabase;
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
            assertThat(snapshot.reconciliations()).isEmpty();
        }
    }

    /**
     * Reconciliation in the snapshot: per college the counts of its latest COMPLETE run (an older one is not shown),
     * a run begun since as RUNNING, or STOPPED once its flow failed; the conflicts of the latest runs, no other outcome.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void theSnapshotShowsEachCollegesLatestReconciliationAndItsConflicts(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.misCodes = List.of("111", "222", "333");
        TestDatabase database = TestDatabases.create(kind, "status-reconcile");
        try (AgentFixture fixture = new AgentFixture(settings, database).property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false)) {
            var agent = fixture.start();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
            new ReconcileRows(database)
                    .complete("rc-111-old", "111", now.minusDays(1), student("L1", "AAA1111", "AAA1112", "DIFFERS"))
                    .complete("rc-111-new", "111", now.minusHours(1), student("L1", "AAA1111", "AAA1111", "AGREE"),
                            student("L2", "AAA2222", "AAA2223", "DIFFERS"), student("L3", "AAA3333", null, "UNKNOWN_UPSTREAM"),
                            student("L4", "AAA4444", null, "REJECTED"))
                    .complete("rc-222-done", "222", now.minusHours(2), student("M1", "BBB1111", "BBB1111", "SHARED_CCCID"))
                    .running("rc-222-open", "222", now.minusMinutes(1), student("M1", "BBB1111", "BBB1111", "AGREE"))
                    .running("rc-333-open", "333", now.minusMinutes(1));
            agent.bean("flowActivity", FlowActivity.class).failure("reconcile", "333", "upstream answered 503");

            StatusSnapshot snapshot = agent.bean("statusSnapshotReader", StatusSnapshotReader.class).read();

            assertThat(snapshot.unreadable()).isEmpty();
            assertThat(snapshot.reconciliations()).extracting(StatusSnapshot.Reconciliation::misCode,
                    StatusSnapshot.Reconciliation::state, StatusSnapshot.Reconciliation::runId,
                    StatusSnapshot.Reconciliation::openRunId, StatusSnapshot.Reconciliation::openRunChecked).containsExactly(
                    tuple("111", "COMPLETE", "rc-111-new", null, 0L),
                    tuple("222", "RUNNING", "rc-222-done", "rc-222-open", 1L),
                    tuple("333", "STOPPED", null, "rc-333-open", 0L));
            StatusSnapshot.Reconciliation first = snapshot.reconciliations().get(0);
            assertThat(first.students()).isEqualTo(4);
            assertThat(first.outcomes()).containsExactly(entry("AGREE", 1L), entry("DIFFERS", 1L), entry("SHARED_CCCID", 0L),
                    entry("UNKNOWN_UPSTREAM", 1L), entry("REJECTED", 1L));
            assertThat(snapshot.reconciliations().get(2).lastFailure()).isEqualTo("upstream answered 503");
            assertThat(snapshot.reconcileConflicts()).extracting(ReconcileConflict::misCode, ReconcileConflict::localId,
                    ReconcileConflict::outcome, ReconcileConflict::upstreamCccId).containsExactly(
                    tuple("111", "L2", "DIFFERS", "AAA2223"), tuple("111", "L3", "UNKNOWN_UPSTREAM", null),
                    tuple("222", "M1", "SHARED_CCCID", "BBB1111"));
        }
    }

    /**
     * "Roster batches to look at" counts the notes of the last sisbridge.status.roster-notes-days days: a tile that
     * only grows would soon be read as noise. Older notes stay in cccid_batch.
     */
    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void theRosterBatchesToLookAtAreThoseOfTheLastDays(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "status-notes");
        try (AgentFixture fixture = new AgentFixture(new SimulatorSettings(), database).property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.enabled", false).property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false).property("sisbridge.status.roster-notes-days", 7)) {
            var agent = fixture.start();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
            try (java.sql.Connection c = database.dataSource().getConnection();
                 java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO cccid_batch (batch_id, mis_code, status, job_id,"
                         + " student_count, attempts, last_error, created_at, updated_at) VALUES (?, '111', 'COMPLETE', 'job', 5, 1, ?, ?, ?)")) {
                for (Object[] row : new Object[][] {{"b-old", "2 of its 5 student(s) are no longer SENT", now.minusDays(8)},
                        {"b-new", "upstream's results carried no entry for 1 student(s)", now.minusHours(1)},
                        {"b-plain", null, now.minusMinutes(5)}}) {
                    ps.setString(1, (String) row[0]);
                    ps.setString(2, (String) row[1]);
                    ps.setTimestamp(3, java.sql.Timestamp.valueOf((LocalDateTime) row[2]));
                    ps.setTimestamp(4, java.sql.Timestamp.valueOf((LocalDateTime) row[2]));
                    ps.executeUpdate();
                }
            }

            StatusSnapshot.RosterBatchesToLookAt noted = agent.bean("statusSnapshotReader", StatusSnapshotReader.class).read()
                    .rosterBatchesToLookAt();

            assertThat(noted.total()).isEqualTo(1);
            assertThat(noted.days()).isEqualTo(7);
            assertThat(noted.latest()).extracting(StatusSnapshot.RosterBatch::batchId).containsExactly("b-new");
        }
    }
}
