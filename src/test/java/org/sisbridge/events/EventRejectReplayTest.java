package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Rejected events through {@code ./sisbridge rejects}: listed without student data, shown raw only
 * on request, and replayed once their cause is fixed (here: the college's MIS code was missing
 * from sisbridge.mis-codes), each staged exactly once and its reject removed.
 */
class EventRejectReplayTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void eventsOfAForgottenMisCodeAreStagedOnceTheCodeIsConfigured(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 400;
        settings.wrongMisCodeRate = 0.05;
        settings.invalidCccidRate = 0.03;
        TestDatabase db = TestDatabases.create(kind, "events-replay");
        try (AgentFixture fixture = new AgentFixture(settings, db)) {
            fixture.start();
            fixture.awaitEventsCaughtUp();
            fixture.stopAgent();
            var rejects = fixture.db().rows("SELECT reject_id, record_key FROM sisbridge_reject"
                    + " WHERE source = 'idme-events' AND reason_code = 'MIS_CODE_NOT_CONFIGURED' ORDER BY reject_id");
            long invalidCccids = fixture.db().rejectsByReason("idme-events").get("INVALID_CCCID");
            assertThat(rejects).isNotEmpty();
            long storedBefore = fixture.db().count("SELECT COUNT(*) FROM idme_status_event");
            String wrongMis = fixture.simulator.feed().wrongMisCode();
            SiteConfig site = new SiteConfig(fixture.simulator, db);

            Cli.Result list = Cli.run("rejects", "list", "--config", site.write().toString(), "--source", "idme-events",
                    "--reason", "MIS_CODE_NOT_CONFIGURED", "--limit", "1000");
            assertThat(list.exitCode()).as(list.toString()).isZero();
            for (Map<String, Object> r : rejects) {
                assertThat(list.out()).contains((String) r.get("record_key"));
            }
            assertThat(list.out()).doesNotContain("eventPayload").doesNotContain("INVALID_CCCID")
                    .contains(rejects.size() + " reject(s) shown");

            String firstId = String.valueOf(rejects.get(0).get("reject_id"));
            Cli.Result show = Cli.run("rejects", "show", firstId, "--config", site.write().toString());
            assertThat(show.out()).as(show.toString()).contains("reason code: MIS_CODE_NOT_CONFIGURED", "misCode '" + wrongMis + "' is not in",
                    "raw input:   not shown (it may hold student data)").doesNotContain("eventPayload");
            Cli.Result raw = Cli.run("rejects", "show", firstId, "--raw", "--config", site.write().toString());
            assertThat(raw.out()).as(raw.toString()).contains("\"eventPayload\"");

            // the cause fixed: this agent serves the forgotten college too
            String config = site.set("sisbridge.mis-codes", "111," + wrongMis).write().toString();
            Cli.Result replay = Cli.run("rejects", "replay", "--source", "idme-events", "--reason", "MIS_CODE_NOT_CONFIGURED",
                    "--config", config);
            assertThat(replay.exitCode()).as(replay.toString()).isZero();
            assertThat(replay.out()).contains(rejects.size() + " reject(s) replayed: " + rejects.size() + " staged (0 of them already there)");

            for (Map<String, Object> r : rejects) {
                String[] key = ((String) r.get("record_key")).split("/");
                assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event WHERE mis_code = ? AND event_id = ?",
                        key[0], key[1])).as("staged once: %s", r.get("record_key")).isEqualTo(1);
            }
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(storedBefore + rejects.size());
            assertThat(fixture.db().rejectsByReason("idme-events")).isEqualTo(Map.of("INVALID_CCCID", invalidCccids));

            // a reject whose cause is not fixed stays, with its reason
            Object cccidReject = fixture.db().column("SELECT reject_id FROM sisbridge_reject WHERE reason_code = 'INVALID_CCCID'").get(0);
            Cli.Result again = Cli.run("rejects", "replay", String.valueOf(cccidReject), "--config", config);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.out()).contains("reject " + cccidReject + ": still rejected, INVALID_CCCID");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject WHERE reject_id = ?", cccidReject)).isEqualTo(1);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(storedBefore + rejects.size());
            assertThat(List.of(again.err())).allMatch(String::isEmpty);
        }
    }
}
