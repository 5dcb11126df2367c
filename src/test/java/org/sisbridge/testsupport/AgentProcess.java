package org.sisbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sisbridge.simulator.UpstreamSimulator;

/**
 * {@code sisbridge run --config FILE} as a child process, as an operator starts the service: the
 * test JVM's classpath, {@code sisbridge.home} the project, the service's own config/logback.xml
 * writing its rolling log file (and the console) under target/test-logs/, where the no-student-data
 * check reads every test's logs.
 */
public final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path logDir;

    private AgentProcess(Process process, Path logDir) {
        this.process = process;
        this.logDir = logDir;
    }

    /**
     * The site file of a test agent process: MIS code 111, the simulator as upstream, an H2 staging
     * database, the shutdown timeout, then the test's own lines. Written to {@code work/agent.properties}.
     */
    public static Path siteConfig(Path work, UpstreamSimulator simulator, String h2Url, int shutdownTimeoutSeconds,
                                  String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(
                "sisbridge.mis-codes = 111",
                "sisbridge.upstream.base-url = " + simulator.baseUrl(),
                "sisbridge.upstream.client-id = " + simulator.settings().clientId,
                "sisbridge.staging.jdbc-url = " + h2Url,
                "sisbridge.staging.database = h2",
                "camel.main.shutdown-timeout = " + shutdownTimeoutSeconds));
        all.addAll(List.of(lines));
        all.add("");
        return Files.writeString(work.resolve("agent.properties"), String.join("\n", all), StandardCharsets.UTF_8);
    }

    /** Starts the service with {@code overrides} layered over config/application.properties. */
    public static AgentProcess start(Path overrides, Path logDir, Map<String, String> environment) {
        Path home = AgentFixture.HOME;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m"); // heap and collector as the launchers set them
        command.add("-XX:+UseParallelGC");
        command.add("-Dsisbridge.home=" + home);
        command.add("-Dlogback.configurationFile=" + home.resolve("config/logback.xml"));
        command.add("-Dsisbridge.log.dir=" + logDir);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.sisbridge.cli.SisbridgeCommand");
        command.add("run");
        command.add("--config");
        command.add(overrides.toString());
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("console.log").toFile()));
            builder.environment().putAll(environment);
            return new AgentProcess(builder.start(), logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM (on Linux {@link Process#destroy()} does), as systemd or {@code kill} would. */
    public void terminate() {
        process.destroy();
    }

    /** @return the exit status, or null if the process is still running after {@code atMost} */
    public Integer awaitExit(Duration atMost) throws InterruptedException {
        return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The service's log file (config/logback.xml's rolling file). */
    public List<String> logLines() {
        try {
            return Files.readAllLines(logDir.resolve("sisbridge.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if a failed test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
