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
 *
 * <p>A JVM of its own is not enough on a 2-core machine: making each page when asked for (every
 * event generated, JSON written, in a cold JVM whose JIT compiles as it goes) took 40-90 % of a core
 * beside the agent's 100 %. So it renders every page for the agent's page size before it listens
 * ({@code --prerender-page-size}), and during the run only copies bytes to a socket, as a real
 * upstream on other machines costs the agent's machine nothing. That also makes warming the
 * simulator's JVM up moot: nothing it runs during the timed pass is worth compiling. The pages are
 * held in its heap, sized from the event count by {@link #heapMegabytes}.
 */
final class SimulatorProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Upstream simulator listening on (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Rendering pages goes at about 25,000 events/s on the 2-core machine: a second every 10,000 more to wait. */
    private static final int EVENTS_RENDERED_PER_SECOND_AT_LEAST = 10_000;
    /** Page bytes an event takes when rendered (measured: 484 with the benchmark's settings), with headroom. */
    private static final long PAGE_BYTES_PER_EVENT = 700;
    /** The simulator's own needs beside the pages (population, accounts, HTTP server), as it ran with before. */
    private static final long BASE_HEAP_MB = 256;

    private final Process process;
    private final String baseUrl;

    private SimulatorProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * The heap for a simulator holding the rendered pages of {@code events} events: its usual 256 MB
     * plus twice the pages (a page's bytes are copied once as they are made, and the collector needs
     * room to move them). Measured at 100,000 events: 57 MB live after a full GC, 48 MB of it pages.
     */
    static long heapMegabytes(int events) {
        return BASE_HEAP_MB + 2 * events * PAGE_BYTES_PER_EVENT / (1024 * 1024);
    }

    /**
     * Starts the simulator on a free port with {@code events} events per MIS code and waits until it
     * listens; {@code prerenderPageSize} > 0 renders the pages for that limit first, in a heap of
     * {@code heapMegabytes}.
     */
    static SimulatorProcess start(int events, String clientSecret, Path work, int prerenderPageSize, long heapMegabytes)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapMegabytes + "m");
        command.add("-XX:+UseParallelGC");
        if (prerenderPageSize > 0) {
            // C1 only: serving ready pages is array copies and socket writes, which C1's code does as
            // fast, while C2 spent 0.3-0.4 s of a core compiling during a 100,000-event walk (measured
            // per thread); without it the walk cost the simulator 0.22 s of CPU instead of 0.5-0.75 s,
            // and rendering, not timed, took 1.8 s instead of 3.1 s
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.add("-Dsisbridge.home=" + System.getProperty("sisbridge.home", "."));
        if (System.getProperty("logback.configurationFile") != null) {
            command.add("-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.sisbridge.cli.SisbridgeCommand",
                "simulator", "--port", "0", "--events", String.valueOf(events), "--fresh",
                "--accounts-file", work.resolve("simulator-accounts.tsv").toString()));
        if (prerenderPageSize > 0) {
            command.addAll(List.of("--prerender-page-size", String.valueOf(prerenderPageSize)));
        }
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
        long timeoutSeconds = START_TIMEOUT.toSeconds() + (prerenderPageSize > 0 ? events / EVENTS_RENDERED_PER_SECOND_AT_LEAST : 0);
        try {
            String url = listening.get(timeoutSeconds, TimeUnit.SECONDS);
            if (url == null) {
                throw new IOException("the simulator process ended before it listened (exit " + process.waitFor() + ")");
            }
            return new SimulatorProcess(process, url);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the simulator process did not start within " + timeoutSeconds + " s", e);
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
