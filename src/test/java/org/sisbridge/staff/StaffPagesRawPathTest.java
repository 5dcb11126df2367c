package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A staff page asked for by a path the router normalizes to it (dot segments, a doubled slash, a
 * percent-encoded letter) still needs a login: on loopback without a machine token these paths once
 * reached /staff/roster without one, because the login checked the raw path and the router matched the
 * normalized one. Sent over a raw socket, as curl --path-as-is would: an HTTP client library would
 * normalize some of them itself.
 */
class StaffPagesRawPathTest {

    @Test
    void aPathTheRouterNormalizesToAStaffPageStillNeedsALogin() throws Exception {
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-raw-path"))) {
            URI base = URI.create(site.baseUrl());
            assertThat(get(base, "/status")).as("the status page stays open on loopback without a token").startsWith("HTTP/1.1 200");
            for (String path : new String[] {"/staff/roster", "/x/../staff/roster", "/status/../staff/roster", "//staff/roster",
                "/./staff/roster", "/%73taff/roster", "/staff/./roster", "/%2e/staff/roster", "/staff/changes?format=csv",
                "//staff/changes?format=csv", "/%73taff/conflicts"}) {
                String answer = get(base, path);
                assertThat(answer.lines().findFirst().orElse("")).as(path).isIn("HTTP/1.1 303 See Other", "HTTP/1.1 404 Not Found");
                assertThat(answer.contains("L-PENDING-1") || answer.contains("STF0002") || answer.contains("INVALID_EMAIL"))
                        .as(path + " shows staged rows").isFalse();
            }
            assertThat(get(base, "/x/../staff/roster")).startsWith("HTTP/1.1 303").contains("Location: /staff/login");
        }
    }

    /** The whole answer to a GET of exactly that path. */
    private static String get(URI base, String path) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
