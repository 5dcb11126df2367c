package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.staging.StagingFailure;
import org.sisbridge.staging.ProgressMarkerMovedException;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.FlowMetrics;

/**
 * Two agents on one database build batches from the same PENDING rows: one wins, and the other's
 * failure is a staging-database outcome (a progress marker that moved), so the error policy names the
 * database, not upstream, and no student is in two batches.
 */
class RosterTwoAgentsBuildTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void theAgentThatLosesTheRaceForTheSameStudentsFailsAsAMovedProgressMarker(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "roster-two-builders");
        DataSource ds = database.dataSource();
        StagingSchemaMigrator.migrate(ds, database.kind());
        Outbox.queue(database, "111", RosterSisChangesInFlightTest.students(0, 5));
        Clock clock = Clock.systemUTC();
        RosterBatchBuilder other = builder(ds, new CccidRequestTable("cccid_request"), clock);
        AtomicReference<OpenBatch> othersBatch = new AtomicReference<>();
        // this agent reads the PENDING page; the other agent builds its batch from the same rows right after
        CccidRequestTable racing = new CccidRequestTable("cccid_request") {
            @Override
            public List<RosterStudent> pending(Connection c, String misCode, long afterRequestId, int limit) throws SQLException {
                List<RosterStudent> page = super.pending(c, misCode, afterRequestId, limit);
                if (othersBatch.get() == null) {
                    othersBatch.set(other.next(misCode));
                }
                return page;
            }
        };
        RosterBatchBuilder mine = builder(ds, racing, clock);

        assertThatThrownBy(() -> mine.next("111"))
                .isInstanceOf(ProgressMarkerMovedException.class)
                .satisfies(e -> assertThat(StagingFailure.isStagingFailure(e)).isTrue());
        assertThat(othersBatch.get().studentCount()).isEqualTo(5);
        assertThat(database.queries().count("SELECT COUNT(*) FROM cccid_batch")).isEqualTo(1);
        assertThat(database.queries().count("SELECT COUNT(*) FROM cccid_request WHERE status = 'SENT' AND batch_id = ?",
                othersBatch.get().batchId())).isEqualTo(5);
    }

    private static RosterBatchBuilder builder(DataSource ds, CccidRequestTable requests, Clock clock) {
        return new RosterBatchBuilder(ds, requests, new CccidBatchTable("cccid_batch"), new RosterValidator(clock, 13, 110, true),
                10, new FlowMetrics(new SimpleMeterRegistry(), clock), clock);
    }
}
