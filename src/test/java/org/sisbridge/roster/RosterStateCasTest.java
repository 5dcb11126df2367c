package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.roster.CccidRequestTable.Settlement;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Every roster state change names the state it replaces: a stale change (the batch or the student
 * moved on since it was read) changes nothing, and where the run relies on it, fails its transaction.
 */
class RosterStateCasTest {

    private static final Timestamp NOW = Timestamp.valueOf("2026-11-30 04:00:00");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aStaleStateChangeFailsAndWritesNothing(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-cas");
        DataSource ds = database.dataSource();
        StagingSchemaMigrator.migrate(ds, database.kind());
        CccidRequestTable requests = new CccidRequestTable("cccid_request");
        CccidBatchTable batches = new CccidBatchTable("cccid_batch");
        Outbox.queue(database, "111", List.of(student("A1"), student("A2"), student("A3")));
        List<Long> ids = database.queries().column("SELECT request_id FROM cccid_request ORDER BY request_id").stream()
                .map(n -> ((Number) n).longValue()).toList();
        RosterTransaction.run(ds, c -> {
            batches.create(c, "B1", "111", 2, NOW);
            return requests.markSent(c, "B1", ids.subList(0, 2), NOW);
        });
        RosterBatches roster = new RosterBatches(ds, requests, batches, new BulkAccountJson(new ObjectMapper()),
                Clock.systemUTC());
        OpenBatch open = new OpenBatch("B1", "111", null, 2);

        // OPEN -> SUBMITTED once; a second run's job for the same batch is not recorded over it
        OpenBatch submitted = roster.recordJob(open, "job-1");
        assertThatThrownBy(() -> roster.recordJob(open, "job-2")).isInstanceOf(ProgressMarkerMovedException.class);
        assertThat(database.queries().column("SELECT job_id FROM cccid_batch")).containsExactly("job-1");

        // a batch that is no longer OPEN is never sent again, and its attempts stay as they were
        assertThatThrownBy(() -> roster.requestBody(open)).isInstanceOf(ProgressMarkerMovedException.class);
        assertThat(database.queries().count("SELECT attempts FROM cccid_batch")).isZero();

        // the results of another job do not settle it
        assertThat(RosterTransaction.<Boolean>run(ds, c -> batches.close(c, "B1", "job-2", "COMPLETE", null, NOW))).isFalse();
        assertThat(database.queries().column("SELECT status FROM cccid_batch")).containsExactly("SUBMITTED");

        // a settlement that expects PENDING where the student is SENT fails the whole transaction
        List<Settlement> stale = List.of(new Settlement(ids.get(2), "REJECTED", "X", "x"),
                new Settlement(ids.get(0), "REJECTED", "X", "x"));
        assertThatThrownBy(() -> RosterTransaction.run(ds, c -> {
            requests.settle(c, "PENDING", stale, NOW);
            return null;
        })).isInstanceOf(ProgressMarkerMovedException.class);
        assertThat(database.queries().column("SELECT status FROM cccid_request ORDER BY request_id"))
                .containsExactly("SENT", "SENT", "PENDING");

        // a settlement of batch B1's results for a student SENT in another batch changes nothing and fails
        assertThatThrownBy(() -> RosterTransaction.run(ds, c -> {
            requests.settle(c, "SENT", "B0", List.of(new Settlement(ids.get(0), "DONE", null, null)), NOW);
            return null;
        })).isInstanceOf(ProgressMarkerMovedException.class);
        assertThat(database.queries().column("SELECT status FROM cccid_request ORDER BY request_id"))
                .containsExactly("SENT", "SENT", "PENDING");

        // the job's own results settle it once; the same answer again changes nothing
        assertThat(RosterTransaction.<Boolean>run(ds, c -> batches.close(c, "B1", submitted.jobId(), "COMPLETE", null, NOW))).isTrue();
        assertThat(RosterTransaction.<Boolean>run(ds, c -> batches.close(c, "B1", submitted.jobId(), "FAILED", "late", NOW))).isFalse();
        assertThat(database.queries().column("SELECT status FROM cccid_batch")).containsExactly("COMPLETE");
    }

    private static RosterStudent student(String localId) {
        return new RosterStudent(0, localId, "Ann", null, "Lee", "2001-02-03", "ann@example.edu", null, null);
    }
}
