package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * A login body sent without a Content-Length (chunked) that grows past a login form's size is answered 413 at
 * once and not kept: the form was once read whole before its size was looked at, so one endless body from
 * anybody who can reach the endpoint (no login needed) filled the agent's heap and got no answer.
 */
class StaffLoginBodyLimitTest {

    @Test
    void anEndlessChunkedLoginBodyIsRefusedAtOnceNotBuffered() throws Exception {
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-login-body"))) {
            URI base = URI.create(site.baseUrl());
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /staff/login HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nOrigin: " + base
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                try {
                    for (int i = 0; i < 16; i++) { // 1 MB, and the body never ends
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // fine: it answered and closed before the client had sent all of it
                }
                String answer = statusLine(socket.getInputStream());
                assertThat(answer).as("the answer while the body is still open").isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            }
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\r' && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }
}
