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
}
