package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.testsupport.AgentFixture;

/**
 * {@code sisbridge simulator} as a person starts it, in its own process: it says where it listens,
 * serves the upstream API there (over HTTPS with the trust store it writes, when asked), and stops
 * on SIGTERM.
 */
class SimulatorCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (https?://\\S+?) ");

    @TempDir
    Path dir;

    @Test
    void servesTheApiOnThePortItPrintsAndStopsOnSigterm() throws Exception {
        try (Simulator simulator = Simulator.start("--port", "0", "--events", "50")) {
            String baseUrl = simulator.awaitBaseUrl();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(simulator.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void overHttpsItWritesTheTrustStoreThatMakesItsCertificateTrusted() throws Exception {
        Path trustStore = dir.resolve("simulator-trust.p12");
        try (Simulator simulator = Simulator.start("--port", "0", "--events", "50", "--https",
                "--trust-store-out", trustStore.toString())) {
            String baseUrl = simulator.awaitBaseUrl();
            assertThat(baseUrl).startsWith("https://");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.isRegularFile(trustStore)
                    && simulator.printed().contains("sisbridge.upstream.trust-store"));
            String password = Files.readString(Path.of(simulator.printedValue("sisbridge.upstream.trust-store-password-file"))).strip();

            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(trustStore)) {
                keys.load(in, password.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpResponse<String> health = HttpClient.newBuilder().sslContext(tls).build().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(simulator.stop()).isIn(0, 143);
        }
    }

    /** The simulator command in a child process, its output collected line by line. */
    private static final class Simulator implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Simulator(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            }, "simulator-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Simulator start(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dsisbridge.home=" + AgentFixture.HOME, "-cp", System.getProperty("java.class.path"),
                    "org.sisbridge.cli.SisbridgeCommand", "simulator"));
            command.addAll(List.of(args));
            return new Simulator(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        String awaitBaseUrl() {
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                Matcher m = LISTENING.matcher(printed());
                return m.find() ? m.group(1) : null;
            }, url -> url != null);
        }

        String printed() {
            return String.join("\n", lines);
        }

        /** The value printed after {@code name} (as in "key = value"), or null. */
        String printedValue(String name) {
            Matcher m = Pattern.compile(Pattern.quote(name) + "\\s*=\\s*(\\S+)").matcher(printed());
            return m.find() ? m.group(1) : null;
        }

        int stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
