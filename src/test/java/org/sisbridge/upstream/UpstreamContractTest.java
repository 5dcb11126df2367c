package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Keeps the agent, the simulator and the project's copy of the contract (openapi/upstream-v1.yaml)
 * in step: every path the routes call is in the contract, and the simulator serves every path the
 * contract has.
 */
class UpstreamContractTest {

    private static final Path ROUTES = Path.of(System.getProperty("sisbridge.home", ".")).resolve("routes");
    /** The upstreamPath a route sets, as a block ({@code name:} then {@code simple:}) or as a flow map on one line. */
    private static final Pattern UPSTREAM_PATH = Pattern.compile("name: upstreamPath(?:\\s*\\n\\s*|,\\s*)simple: \"([^\"]+)\"");

    @SuppressWarnings("unchecked")
    private static List<String> contractPaths() throws Exception {
        try (InputStream in = UpstreamContractTest.class.getResourceAsStream("/openapi/upstream-v1.yaml")) {
            Map<String, Object> spec = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            return new ArrayList<>(((Map<String, Object>) spec.get("paths")).keySet());
        }
    }

    /** {mis}-style template to a regex; Camel's ${...} expressions count as one path segment. */
    private static boolean matchesTemplate(String template, String path) {
        String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        return path.replaceAll("\\$\\{[^}]+}", "x").matches(regex);
    }

    @Test
    void everyPathTheRoutesCallIsInTheContract() throws Exception {
        List<String> contract = contractPaths();
        List<String> called = new ArrayList<>(List.of("/oauth2/token")); // UpstreamTokenProvider
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher m = UPSTREAM_PATH.matcher(Files.readString(file));
                while (m.find()) {
                    // a report's download path is the href its listing gave (the contract's own link), not a template here
                    if (!m.group(1).startsWith("${")) {
                        called.add(m.group(1));
                    }
                }
            }
        }
        assertThat(called).contains("/v1/colleges/${exchangeProperty.misCode}/idme/events");
        for (String path : called) {
            assertThat(contract).as("contract path for %s", path).anyMatch(t -> matchesTemplate(t, path));
        }
    }

    /** Reconciliation's match-only mode is in the contract, optional (old clients send none), with its two outcomes and the SIS's cccid. */
    @Test
    @SuppressWarnings("unchecked")
    void theBulkContractHasTheMatchMode() throws Exception {
        try (InputStream in = UpstreamContractTest.class.getResourceAsStream("/openapi/upstream-v1.yaml")) {
            Map<String, Object> spec = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) spec.get("paths"))
                    .get("/v1/colleges/{mis}/accounts/bulk")).get("post");
            Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    post.get("requestBody")).get("content")).get("application/json")).get("schema");
            Map<String, Object> mode = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("mode");
            // the contract's word (upstream-api.md section 3): a server of it takes any other value for create, or refuses it
            assertThat((List<String>) mode.get("enum")).containsExactly("create", "match-only");
            assertThat(mode.get("default")).isEqualTo("create");
            assertThat((List<String>) schema.get("required")).doesNotContain("mode");
            Map<String, Object> result = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) spec.get("components"))
                    .get("schemas")).get("StudentResult");
            Map<String, Object> outcome = (Map<String, Object>) ((Map<String, Object>) result.get("properties")).get("outcome");
            assertThat((List<String>) outcome.get("enum")).contains("MATCHED", "NOT_FOUND");
            Map<String, Object> student = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) spec.get("components"))
                    .get("schemas")).get("Student");
            assertThat((Map<String, Object>) student.get("properties")).containsKey("cccid");
            assertThat((List<String>) student.get("required")).doesNotContain("cccid");
        }
    }

    @Test
    void theSimulatorServesEveryPathOfTheContract() throws Exception {
        try (UpstreamSimulator simulator = UpstreamSimulator.start(new SimulatorSettings(), 0)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String template : contractPaths()) {
                String path = template.replace("{mis}", "111").replace("{file}", "111-DAILY-2024-01-15.csv")
                        .replace("{jobId}", "no-such-job");
                String method = template.equals("/oauth2/token") || template.endsWith("/accounts/bulk") ? "POST" : "GET";
                HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                // 401/400/404-for-a-missing-resource are fine; "no such resource" means no endpoint at all
                assertThat(response.body()).as("%s %s", method, path).doesNotContain("no such resource");
            }
        }
    }
}
