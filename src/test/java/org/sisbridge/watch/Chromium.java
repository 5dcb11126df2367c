package org.sisbridge.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian's /usr/bin/chromium) driven from the command line, in a fresh profile. */
final class Chromium {

    static final Path BINARY = org.sisbridge.testsupport.DevTools.BINARY;

    private final Path workDir;

    Chromium(Path workDir) {
        this.workDir = workDir;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The DOM after the page loaded, as Chromium serializes it. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return run("--dump-dom", url);
    }

    /** A PNG of the page at the given window size. */
    Path screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars", url);
        return png;
    }

    private String run(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path stderr = workDir.resolve("chromium-stderr.log");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
        }
        return out;
    }
}
