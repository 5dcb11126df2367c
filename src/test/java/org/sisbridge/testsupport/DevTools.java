package org.sisbridge.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol, for tests that use a page as a person does:
 * fill a form and submit it, keep the session cookie, read what is shown, download a file, take a
 * screenshot. One browser, one tab (a flattened session on the browser's WebSocket). Only the few
 * commands these tests need; scripts sent with {@link #evaluate} run even where the page's CSP forbids
 * the page's own scripts (that is how DevTools works), so the page itself stays script-free.
 */
public final class DevTools implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getenv().getOrDefault("SISBRIDGE_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final long TIMEOUT_SECONDS = 60;

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    /** Every event received, in order: tests look back at responses and downloads. */
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final String session;

    private record Waiter(Predicate<JsonNode> matches, CompletableFuture<JsonNode> event) {
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** A fresh browser (its own profile, removed at close) with one blank tab of the given viewport. */
    public static DevTools start(int width, int height) throws Exception {
        Path profiles = Files.createDirectories(AgentFixture.HOME.resolve("target/test-chromium"));
        Path profile = Files.createTempDirectory(profiles, "profile");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
                "--window-size=" + width + "," + height, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return new DevTools(process, profile, listeningUrl(process), width, height);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Chromium says where its DevTools WebSocket is on stderr; the rest of stderr is drained and dropped. */
    private static URI listeningUrl(Process process) throws Exception {
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    } else if (!url.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
                url.completeExceptionally(new IllegalStateException("chromium ended without a DevTools address:\n" + seen));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return url.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private DevTools(Process process, Path profile, URI browserUrl, int width, int height) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(browserUrl, new Listener())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", params("url", "about:blank")).path("targetId").asText();
        this.session = call(null, "Target.attachToTarget", params("targetId", target).put("flatten", true)).path("sessionId").asText();
        send("Page.enable", params());
        send("Network.enable", params());
        send("Emulation.setDeviceMetricsOverride", params("width", width).put("height", height).put("deviceScaleFactor", 1)
                .put("mobile", false));
    }

    /** Opens the URL and returns once its load event fired (after any redirects). */
    public void navigate(String url) throws Exception {
        loadAfter(() -> send("Page.navigate", params("url", url)));
    }

    /** Runs a script that makes the tab load another page (a click on a submit button), and waits for that load. */
    public void loadAfter(String script) throws Exception {
        loadAfter(() -> evaluate(script));
    }

    private void loadAfter(Step step) throws Exception {
        CompletableFuture<JsonNode> loaded = await(e -> "Page.loadEventFired".equals(e.path("method").asText())
                && session.equals(e.path("sessionId").asText()));
        step.run();
        loaded.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The value of a script run in the page (promises awaited), as JSON: strings, numbers, arrays, objects. */
    public JsonNode evaluate(String script) throws Exception {
        JsonNode result = send("Runtime.evaluate", params("expression", script).put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed in the page: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    public String text(String script) throws Exception {
        return evaluate(script).asText();
    }

    /** The address of the page the tab shows now. */
    public String location() throws Exception {
        return text("location.href");
    }

    /** A PNG of the viewport. */
    public Path screenshot(Path png) throws Exception {
        String data = send("Page.captureScreenshot", params("format", "png")).path("data").asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
        return png;
    }

    /** Files the tab downloads go to this folder under the name the server suggests. */
    public void downloadTo(Path folder) throws Exception {
        Files.createDirectories(folder);
        call(null, "Browser.setDownloadBehavior", params("behavior", "allow").put("downloadPath", folder.toAbsolutePath().toString())
                .put("eventsEnabled", true));
    }

    /** Runs a script that starts a download (a click on a link) and returns the finished file. */
    public Path download(String script, Path folder) throws Exception {
        CompletableFuture<JsonNode> begun = await(e -> "Browser.downloadWillBegin".equals(e.path("method").asText()));
        evaluate(script);
        JsonNode begin = begun.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).path("params");
        String guid = begin.path("guid").asText();
        CompletableFuture<JsonNode> done = await(e -> "Browser.downloadProgress".equals(e.path("method").asText())
                && guid.equals(e.path("params").path("guid").asText()) && !"inProgress".equals(e.path("params").path("state").asText()));
        // it may have finished before the waiter was there
        for (JsonNode e : events) {
            if ("Browser.downloadProgress".equals(e.path("method").asText()) && guid.equals(e.path("params").path("guid").asText())
                    && !"inProgress".equals(e.path("params").path("state").asText())) {
                done.complete(e);
            }
        }
        String state = done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).path("params").path("state").asText();
        if (!"completed".equals(state)) {
            throw new IllegalStateException("download of " + begin.path("url").asText() + " ended " + state);
        }
        return folder.resolve(begin.path("suggestedFilename").asText());
    }

    /** The browser's cookies for the tab's page, as DevTools describes them (name, httpOnly, sameSite, secure...). */
    public JsonNode cookies() throws Exception {
        return send("Network.getCookies", params()).path("cookies");
    }

    /** The response headers of the last page (document) the tab received whose URL contains this text. */
    public JsonNode documentHeaders(String urlPart) {
        JsonNode found = null;
        for (JsonNode e : events) {
            JsonNode p = e.path("params");
            if ("Network.responseReceived".equals(e.path("method").asText()) && "Document".equals(p.path("type").asText())
                    && p.path("response").path("url").asText().contains(urlPart)) {
                found = p.path("response").path("headers");
            }
        }
        if (found == null) {
            throw new IllegalStateException("no page received from an address containing " + urlPart);
        }
        return found;
    }

    /** A command to the tab. */
    public JsonNode send(String method, ObjectNode params) throws Exception {
        return call(session, method, params);
    }

    private JsonNode call(String sessionId, String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        synchronized (socket) {
            socket.sendText(json.writeValueAsString(message), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        JsonNode reply = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.path("error"));
        }
        return reply.path("result");
    }

    private CompletableFuture<JsonNode> await(Predicate<JsonNode> matches) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        waiters.add(new Waiter(matches, event));
        return event;
    }

    public ObjectNode params() {
        return json.createObjectNode();
    }

    private ObjectNode params(String name, String value) {
        return params().put(name, value);
    }

    private ObjectNode params(String name, int value) {
        return params().put(name, value);
    }

    @Override
    public void close() throws Exception {
        try {
            call(null, "Browser.close", params());
        } catch (Exception e) {
            // it may be gone already; it is ended below either way
        }
        socket.abort();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // its helper processes may still be writing their caches for a moment; links are removed, never followed
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (var paths = Files.walk(profile)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return !Files.exists(profile);
        });
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Reassembles the browser's messages (they may arrive in parts) and hands out answers and events. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    dispatch(json.readTree(text));
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON from DevTools: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(JsonNode message) {
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = answers.remove(message.path("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
                return;
            }
            events.add(message);
            List<Waiter> done = new ArrayList<>();
            for (Waiter w : waiters) {
                if (w.matches().test(message) && w.event().complete(message)) {
                    done.add(w);
                }
            }
            waiters.removeAll(done);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            answers.values().forEach(a -> a.completeExceptionally(error));
        }
    }
}
