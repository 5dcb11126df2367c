package org.sisbridge.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upstream simulator in a JVM of its own ({@code sisbridge simulator}, same class path), so that
 * the CPU it spends making and serving pages is not counted against the agent it feeds: on a small
 * machine an in-process simulator takes a share of the same cores the ratio is about.
 */
final class SimulatorProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Upstream simulator listening on (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final String baseUrl;

    private SimulatorProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts the simulator on a free port with {@code events} events per MIS code and waits until it listens. */
    static SimulatorProcess start(int events, String clientSecret, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseParallelGC");
        command.add("-Dsisbridge.home=" + System.getProperty("sisbridge.home", "."));
        if (System.getProperty("logback.configurationFile") != null) {
            command.add("-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.sisbridge.cli.SisbridgeCommand",
                "simulator", "--port", "0", "--events", String.valueOf(events), "--fresh",
                "--accounts-file", work.resolve("simulator-accounts.tsv").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("SISBRIDGE_CLIENT_SECRET", clientSecret);
        Process process = builder.start();
        // a benchmark stopped by Ctrl-C never reaches close(): the simulator must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "simulator-stop"));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        // keep reading (and dropping) its output, so that a full pipe never stalls it
                        Thread drain = new Thread(() -> drain(out), "simulator-output");
                        drain.setDaemon(true);
                        drain.start();
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String url = listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (url == null) {
                throw new IOException("the simulator process ended before it listened (exit " + process.waitFor() + ")");
            }
            return new SimulatorProcess(process, url);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the simulator process did not start within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // dropped: its lines are the simulator's, not the figures
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Stops it as Ctrl-C would (its shutdown hook closes the server), forcibly if it does not end in 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
