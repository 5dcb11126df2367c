package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * DNS rebinding: a page of evil.example whose name is re-pointed at 127.0.0.1 makes the browser send
 * {@code Host: evil.example}; the endpoint must not answer it, only its own names and configured ones.
 */
class WatchHostHeaderTest {

    @Test
    void aForgedHostIsNotAnsweredTheEndpointsOwnNamesAre() throws Exception {
        try (AgentFixture fixture = agent()) {
            int port = URI.create(WatchClient.of(fixture.start()).baseUrl()).getPort();

            for (String forged : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port,
                    "localhost.evil.example"}) {
                for (String path : new String[] {"/status.json", "/status", "/observe/metrics", "/observe/health"}) {
                    assertThat(statusLine(port, path, forged)).as(forged + " " + path).startsWith("HTTP/1.1 421");
                }
            }
            for (String own : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port}) {
                assertThat(statusLine(port, "/status.json", own)).as(own).startsWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void aConfiguredNameIsAnswered() throws Exception {
        try (AgentFixture fixture = agent().property("sisbridge.watch.allowed-hosts", "sisbridge.college.edu, status.local")) {
            int port = URI.create(WatchClient.of(fixture.start()).baseUrl()).getPort();
            assertThat(statusLine(port, "/status.json", "sisbridge.college.edu:" + port)).startsWith("HTTP/1.1 200");
            assertThat(statusLine(port, "/status.json", "status.local")).startsWith("HTTP/1.1 200");
            assertThat(statusLine(port, "/status.json", "college.edu:" + port)).startsWith("HTTP/1.1 421");
        }
    }

    private static AgentFixture agent() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 10;
        return new AgentFixture(settings, TestDatabases.create(DatabaseKind.H2, "watch-host"))
                .property("sisbridge.events.enabled", false).property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.drop-enabled", false).property("sisbridge.roster.enabled", false);
    }

    /** A raw HTTP/1.1 request with this Host header (java.net.http does not let a caller set Host). */
    private static String statusLine(int port, String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\r' && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
