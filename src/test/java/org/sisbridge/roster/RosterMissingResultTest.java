package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.upstream.UpstreamPermanentException;
import org.sisbridge.upstream.UpstreamTransientException;

/**
 * An upstream whose COMPLETE job carries no result for one student, every time. The student is sent
 * again, as for a failed job, up to sisbridge.roster.max-attempts, then ends in ERROR with a reason:
 * not sent again under a new key on every run without end.
 */
class RosterMissingResultTest {

    /** Upstream as the agent reads it, leaving out every result for local id M0. */
    static final class LeavesOutM0 extends BulkAccountJson {
        LeavesOutM0() {
            super(new ObjectMapper());
        }

        @Override
        public BulkJobStatus job(InputStream body) throws UpstreamTransientException, UpstreamPermanentException {
            BulkJobStatus job = super.job(body);
            return job.results() == null ? job : new BulkJobStatus(job.jobId(), job.status(),
                    job.results().stream().filter(r -> !"M0".equals(r.localId())).toList(), job.error());
        }
    }

    @Test
    void aStudentUpstreamNeverAnswersForEndsInErrorAfterMaxAttempts() throws Exception {
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabase.h2File("roster-missing-result"))
                .property("sisbridge.roster.max-attempts", 3)) {
            fixture.start(agent -> agent.bean("bulkAccountJson", new LeavesOutM0()));
            Outbox.queue(fixture.database, "111", java.util.List.of(
                    RosterCase.student("M0", "Mabel", "Missing", "2001-02-03", "m0@college.example.edu", null, null),
                    RosterCase.student("M1", "Milo", "Answered", "2001-02-03", "m1@college.example.edu", null, null)));

            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            assertThat(fixture.db().column("SELECT status FROM cccid_request WHERE local_id = 'M1'")).containsExactly("DONE");
            assertThat(fixture.db().column("SELECT status FROM cccid_request WHERE local_id = 'M0'")).containsExactly("ERROR");
            assertThat(fixture.db().column("SELECT reason_code FROM cccid_request WHERE local_id = 'M0'"))
                    .containsExactly("UPSTREAM_RESULT_MISSING");
            assertThat(fixture.db().column("SELECT attempts FROM cccid_request WHERE local_id = 'M0'")).map(n -> ((Number) n).intValue())
                    .containsExactly(3);
            // three batches, one per attempt, and no more afterwards
            long batches = fixture.db().count("SELECT COUNT(*) FROM cccid_batch");
            assertThat(batches).isEqualTo(3);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> fixture.db().count("SELECT COUNT(*) FROM cccid_batch") == batches);
            assertThat(fixture.simulator.accounts().mostAccountsForOneStudent()).isEqualTo(1);
            // each batch says so where staff look, not only in the log
            String notes = RosterStatus.section(RosterStatus.page(fixture), "roster-batch-notes");
            assertThat(notes.split("class=\"roster-batch-note\"", -1)).hasSize(4);
            assertThat(notes).contains("results carried no entry for 1 student(s)").contains("UPSTREAM_RESULT_MISSING");
            assertThat(RosterStatus.text(fixture)).contains("Roster batches to look at: 3")
                    .contains("upstream's results carried no entry for 1 student(s)");
            assertThat(RosterStatus.problems(fixture, "result_missing")).isEqualTo(3);
        }
    }
}
