package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract section 3, "Match only": the mode's word is {@code match-only}, and a student may carry the
 * cccid the SIS holds. The simulator, a server of the contract, looks the students up and creates
 * nothing; a mode that is not the contract's (the {@code match} an earlier copy of it used) is refused
 * with 400 rather than taken for create, so a client that meant to only look up never gets accounts made.
 */
class BulkMatchOnlyModeTest {

    @Test
    void aMatchOnlyBatchLooksTheStudentsUpAndCreatesNothing() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.existingAccounts = 5;
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0)) {
            SimulatorClient client = new SimulatorClient(simulator);
            String token = client.token();
            SimulatedStudent known = simulator.accounts().population().student(0);
            String body = """
                    {"batchId": "match-1", "mode": "match-only", "students": [
                      {"localId": "K1", "firstName": "%s", "lastName": "%s", "birthDate": "%s", "email": "%s",
                       "cccid": "%s"},
                      {"localId": "U1", "firstName": "Nobody", "lastName": "Knownhere", "birthDate": "2001-02-03",
                       "email": "nobody.knownhere@college.example.edu", "cccid": "ZZZ9999"}]}
                    """.formatted(known.firstName(), known.lastName(), known.birthDate(), known.email(), known.cccid());

            HttpResponse<String> submitted = client.postBulk(token, "111", "match-1", body);
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            String jobId = SimulatorClient.json(submitted).get("jobId").asText();
            JsonNode job = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                    () -> SimulatorClient.json(client.get(simulator.baseUrl() + "/v1/colleges/111/accounts/bulk/" + jobId, token)),
                    j -> j.path("status").asText().equals("COMPLETE"));

            Map<String, JsonNode> results = new HashMap<>();
            job.path("results").forEach(r -> results.put(r.path("localId").asText(), r));
            assertThat(results.get("K1").path("outcome").asText()).isEqualTo("MATCHED");
            assertThat(results.get("K1").path("cccid").asText()).isEqualTo(known.cccid());
            assertThat(results.get("U1").path("outcome").asText()).isEqualTo("NOT_FOUND");
            assertThat(results.get("U1").path("cccid").isNull() || results.get("U1").path("cccid").isMissingNode()).isTrue();
            assertThat(simulator.accounts().accountsCreated()).isZero();
        }
    }

    @Test
    void aModeThatIsNotTheContractsIsRefusedNotTakenForCreate() {
        try (UpstreamSimulator simulator = UpstreamSimulator.start(new SimulatorSettings(), 0)) {
            SimulatorClient client = new SimulatorClient(simulator);
            String token = client.token();
            HttpResponse<String> refused = client.postBulk(token, "111", "match-2", """
                    {"batchId": "match-2", "mode": "match", "students": [
                      {"localId": "U2", "firstName": "Nobody", "lastName": "Else", "birthDate": "2001-02-03",
                       "email": "nobody.else@college.example.edu"}]}
                    """);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(SimulatorClient.json(refused).path("error").path("code").asText()).isEqualTo("invalid_mode");
            assertThat(simulator.accounts().accountsCreated()).isZero();
        }
    }
}
