package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.demo.DemoRoster;
import org.sisbridge.reports.ReportsFlowStatistics;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StagingQueries;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The status page as staff see it: after demo-like runs of every flow (bad events, HTTP faults, a
 * refused and then loaded report, a roster with duplicates and bad students), a real browser renders
 * it; the counts it shows equal the database's, it shows no student data, and its screenshot is a
 * real picture (target/watch/status-page.png).
 */
class StatusPageBrowserTest {

    @TempDir
    Path work;

    @Test
    void theRenderedPageShowsTheDatabasesCountsAndNoStudentData() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), () -> "status page browser test SKIPPED: no chromium at " + Chromium.BINARY);
        SimulatorSettings settings = SimulatorSettings.demo();
        settings.eventsPerMisCode = 600;
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabases.create(DatabaseKind.H2, "watch-status-page"))
                .property("sisbridge.events.page-size", 100)
                .property("sisbridge.reports.poll-interval-ms", 500)
                .property("sisbridge.reports.initial-delay-ms", 0)
                .property("sisbridge.reports.start-date", "2024-01-01")
                .property("sisbridge.roster.poll-interval-ms", 500)
                .property("sisbridge.roster.initial-delay-ms", 0)
                .property("sisbridge.roster.batch-size", 20)
                .property("sisbridge.roster.job-poll-initial-delay-ms", 100)) {
            SisbridgeAgent agent = fixture.start();
            DemoRoster.queue(agent.bean("stagingDataSource", DataSource.class), settings.misCodes.get(0),
                    fixture.simulator.accounts().population());
            StagingQueries db = fixture.db();
            long listed = settings.misCodes.stream().mapToLong(m -> fixture.simulator.reports().reports(m, null).size()).sum();
            ReportsFlowStatistics reports = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            fixture.awaitEventsCaughtUp();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                    db.count("SELECT COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT')") == 0
                            && reports.snapshot().loaded() >= listed);

            // the Prometheus counters of the other two flows tell the same as the database
            String metrics = WatchClient.of(agent).get("/observe/metrics").body();
            assertThat(WatchClient.sample(metrics, "sisbridge_records_stored_total", "flow=\"reports\""))
                    .isEqualTo(db.count("SELECT COUNT(*) FROM idme_status_change"));
            db.rejectsByReason("idme-status-report").forEach((reason, n) -> assertThat(WatchClient.sample(metrics,
                    "sisbridge_records_rejected_total", "flow=\"reports\",reason=\"" + reason + "\"")).as(reason).isEqualTo(n));
            assertThat(WatchClient.sample(metrics, "sisbridge_roster_outcomes_total", "outcome=\"created\""))
                    .isEqualTo(db.count("SELECT COUNT(*) FROM cccid_result WHERE outcome = 'CREATED'"));
            assertThat(WatchClient.sample(metrics, "sisbridge_roster_outcomes_total", "outcome=\"duplicate\""))
                    .isEqualTo(db.count("SELECT COUNT(*) FROM cccid_result WHERE outcome = 'EXISTING'"));
            assertThat(WatchClient.sample(metrics, "sisbridge_roster_outcomes_total", "outcome=\"rejected\""))
                    .isEqualTo(db.count("SELECT COUNT(*) FROM cccid_request WHERE status = 'REJECTED'"));

            // and so does the JSON for scripts
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(WatchClient.of(agent).get("/status.json").body());
            long jsonRejects = 0;
            for (var count : json.path("rejectCounts")) {
                jsonRejects += count.path("count").asLong();
            }
            assertThat(jsonRejects).isEqualTo(db.count("SELECT COUNT(*) FROM sisbridge_reject"));
            assertThat(json.path("rosterStudentsByStatus").path("DONE").asLong())
                    .isEqualTo(db.count("SELECT COUNT(*) FROM cccid_request WHERE status = 'DONE'"));

            String url = WatchEndpoint.baseUrl(agent.camelContext()) + "/status";
            Chromium chromium = new Chromium(work);
            String dom = chromium.dumpDom(url);

            assertThat(dom).contains("<h1>sisbridge status</h1>");
            for (Map<String, Object> row : db.rows("SELECT source, reason_code, COUNT(*) AS n FROM sisbridge_reject"
                    + " GROUP BY source, reason_code")) {
                assertThat(dom).as("reject count of %s", row).contains("data-source=\"" + row.get("source") + "\" data-reason=\""
                        + row.get("reason_code") + "\"><td>" + row.get("source") + "</td><td>" + row.get("reason_code")
                        + "</td><td class=\"n\" data-count=\"" + row.get("n") + "\">");
            }
            assertThat(dom).contains("id=\"rejects-total\" data-count=\"" + db.count("SELECT COUNT(*) FROM sisbridge_reject") + "\"");
            assertThat(dom).contains("id=\"roster-pending\" data-count=\"0\"");
            for (String status : new String[] {"DONE", "REJECTED", "ERROR", "PENDING"}) {
                long n = db.count("SELECT COUNT(*) FROM cccid_request WHERE status = ?", status);
                assertThat(dom).containsPattern(Pattern.compile("class=\"roster-students\">.*?data-" + status.toLowerCase()
                        + "=\"" + n + "\"", Pattern.DOTALL));
            }
            assertThat(db.count("SELECT COUNT(*) FROM cccid_request WHERE status = 'REJECTED'")).isPositive();
            for (String outcome : new String[] {"CREATED", "EXISTING"}) {
                long n = db.count("SELECT COUNT(*) FROM cccid_result WHERE outcome = ?", outcome);
                assertThat(n).isPositive();
                assertThat(dom).containsPattern(Pattern.compile("class=\"roster-outcomes\">.*?data-" + outcome.toLowerCase()
                        + "=\"" + n + "\"", Pattern.DOTALL));
            }
            assertThat(dom).contains("class=\"roster-batch\" data-status=\"COMPLETE\"");
            for (Map<String, Object> row : db.rows("SELECT report_id, rows_loaded FROM sisbridge_report_load")) {
                assertThat(dom).containsPattern(Pattern.compile("data-report=\"" + Pattern.quote(String.valueOf(row.get("report_id")))
                        + "\">.*?data-rows-loaded=\"" + row.get("rows_loaded") + "\"", Pattern.DOTALL));
            }
            long lastEventsPage = db.count("SELECT stored FROM sisbridge_flow_run WHERE flow = 'idme-events' AND scope = '111'");
            assertThat(dom).containsPattern(Pattern.compile("data-flow=\"idme-events\" data-scope=\"111\">.*?data-stored=\""
                    + lastEventsPage + "\"", Pattern.DOTALL));
            assertThat(dom).contains("<td>idme-events</td><td>111</td>"); // the checkpoint of the feed

            for (Map<String, Object> student : db.rows("SELECT first_name, last_name, email, birth_date FROM cccid_request")) {
                for (String field : new String[] {"first_name", "last_name", "email", "birth_date"}) {
                    String value = String.valueOf(student.get(field));
                    if (student.get(field) != null && value.length() >= 5) {
                        assertThat(Pattern.compile("\\b" + Pattern.quote(value) + "\\b").matcher(dom).find())
                                .as("student %s on the page", field).isFalse();
                    }
                }
            }

            Path png = chromium.screenshot(url, AgentFixture.HOME.resolve("target/watch/status-page.png"), 1280, 2000);
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isEqualTo(2000);
            Set<Integer> colours = new HashSet<>();
            long white = 0;
            long samples = 0;
            for (int y = 0; y < image.getHeight(); y += 4) {
                for (int x = 0; x < image.getWidth(); x += 4) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    white += rgb == 0xffffff ? 1 : 0;
                    samples++;
                }
            }
            assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(20);
            assertThat(white).as("white pixels of %d sampled", samples).isLessThan(samples * 9 / 10);
        }
    }
}
