package org.sisbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This test JVM's log file (src/test/resources/logback-test.xml). Surefire runs test classes in
 * several JVMs side by side, each writing a file of its own, so that a test looking for a line it
 * caused reads its own JVM's file and never another's half-written one.
 */
public final class TestLog {

    private TestLog() {
    }

    public static Path path() {
        return AgentFixture.HOME.resolve(System.getProperty("sisbridge.test.log", "target/test-logs/sisbridge-test.log"));
    }

    /** Everything logged so far in this JVM (appended, never rolled, during a run). */
    public static String read() {
        try {
            return Files.readString(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
