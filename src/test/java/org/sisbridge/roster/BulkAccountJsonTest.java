package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bodies of contract section 3 as the agent sends them: a roster batch in the default mode, and
 * reconciliation's batch in mode {@code match-only} (the contract's word; an earlier copy of the
 * contract in this project said {@code match}, which a server of the contract would not know), each
 * student carrying the CCCID the SIS holds where it holds one.
 */
class BulkAccountJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BulkAccountJson bulk = new BulkAccountJson(JSON);

    private static RosterStudent student(String localId) {
        return new RosterStudent(0, localId, "Ana", null, "Lopez", "2001-04-30", "ana@example.edu", null, null);
    }

    @Test
    void aMatchOnlyBatchSaysSoAndCarriesTheCccidsTheSisHolds() throws Exception {
        JsonNode body = JSON.readTree(bulk.matchOnlyBody("b1", List.of(student("S1"), student("S2"), student("S3")),
                Arrays.asList(" ABC1234\u00A0", null, "  ")));

        assertThat(body.path("mode").asText()).isEqualTo("match-only");
        assertThat(body.path("batchId").asText()).isEqualTo("b1");
        assertThat(body.path("students").get(0).path("cccid").asText()).isEqualTo("ABC1234");
        // none held (or only spaces): no cccid at all, not an empty one
        assertThat(body.path("students").get(1).has("cccid")).isFalse();
        assertThat(body.path("students").get(2).has("cccid")).isFalse();
    }

    @Test
    void aSisCccidNotOfTheCccidFormIsLeftOutNotSent() throws Exception {
        JsonNode body = JSON.readTree(bulk.matchOnlyBody("b4", List.of(student("S1"), student("S2"), student("S3")),
                List.of("ABC12345", "ABC 1234", "a-very-long-sis-identifier-of-forty-characters")));

        // the 8th, reserved character is of the form; a space or a long SIS id is not, and upstream never sees it
        assertThat(body.path("students").get(0).path("cccid").asText()).isEqualTo("ABC12345");
        assertThat(body.path("students").get(1).has("cccid")).isFalse();
        assertThat(body.path("students").get(2).has("cccid")).isFalse();
    }

    @Test
    void aRosterBatchNamesNoModeAndCarriesNoCccid() throws Exception {
        JsonNode body = JSON.readTree(bulk.requestBody("b2", List.of(student("S1"))));

        assertThat(body.has("mode")).as("the contract's default, create").isFalse();
        assertThat(body.path("students").get(0).has("cccid")).isFalse();
        assertThat(body.path("students").get(0).path("localId").asText()).isEqualTo("S1");
    }

    @Test
    void aCccidListThatDoesNotFitTheStudentsIsAMistakeOfTheCaller() {
        assertThatThrownBy(() -> bulk.matchOnlyBody("b3", List.of(student("S1")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /*
     * Job answers that are JSON objects but no job state of the contract (found by reading nst/JSONTestSuite's
     * objects as job answers): before, each was a job "not finished", the batch left SUBMITTED and polled again at
     * every run without a line; an answer with more after its JSON was taken by its first object.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{}|bulk job status answered no status, not one of PENDING, RUNNING, COMPLETE, FAILED",
            "{\"jobId\":\"j1\",\"error\":{\"code\":\"X\"}}|answered no status",
            "{\"jobId\":\"j1\",\"status\":\"CANCELLED\"}|answered the status 'CANCELLED', not one of PENDING",
            "{\"jobId\":\"j1\",\"status\":\"<b>ana@example.edu</b>\"}|answered a status that is not a plain word, not one of",
            "{\"jobId\":\"j1\",\"status\":\"PENDING\"} \"x\"|could not be read as JSON",
            "{\"jobId\":\"j1\",\"status\":\"PENDING\"}{\"jobId\":\"j2\",\"status\":\"COMPLETE\",\"results\":[]}|could not be read as JSON",
    })
    void aJobAnswerWithoutAStateOfTheContractIsAFailureNotAJobStillRunning(String answer, String why) {
        assertThatThrownBy(() -> bulk.job(new java.io.ByteArrayInputStream(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isInstanceOf(org.sisbridge.upstream.UpstreamTransientException.class)
                .hasMessageContaining(why).hasMessageNotContaining("ana@example.edu");
    }

    @Test
    void theFourStatesOfTheContractStillPass() throws Exception {
        for (String state : List.of("PENDING", "RUNNING", "FAILED")) {
            BulkJobStatus job = bulk.job(new java.io.ByteArrayInputStream(("{\"jobId\":\"j1\",\"status\":\"" + state + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(job.status()).isEqualTo(state);
        }
        BulkJobStatus complete = bulk.job(new java.io.ByteArrayInputStream(("{\"jobId\":\"j1\",\"status\":\"COMPLETE\","
                + "\"results\":[{\"localId\":\"S1\",\"outcome\":\"CREATED\",\"cccid\":\"ABC1234\",\"matchedOn\":[]}]} \n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(complete.finished()).isTrue();
        assertThat(complete.results()).singleElement().satisfies(r -> assertThat(r.cccid()).isEqualTo("ABC1234"));
    }

    @Test
    void aSubmitAnswerWithMoreAfterItsJsonIsRefused() {
        assertThatThrownBy(() -> bulk.jobId(new java.io.ByteArrayInputStream("{\"jobId\":\"j1\",\"status\":\"PENDING\"}<html>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isInstanceOf(org.sisbridge.upstream.UpstreamTransientException.class);
    }
}
