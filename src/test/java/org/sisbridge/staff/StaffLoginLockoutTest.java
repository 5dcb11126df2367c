package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.testsupport.TestLog;

/**
 * Wrong passwords sent for a staff user's name from one computer do not lock that user out of the staff pages on
 * another: the throttle once counted failures per name from anywhere, so whoever could reach the login form could keep
 * a named user out for up to login-lockout-max-seconds (Admissions & Records on a busy day) by typing wrong passwords
 * for that name. The two computers are two loopback addresses (127.0.0.2 and 127.0.0.3 reach the endpoint on 127.0.0.1).
 */
class StaffLoginLockoutTest {

    private static final String GUESSER = "127.0.0.2";
    private static final String STAFF_DESK = "127.0.0.3";

    @Test
    void wrongPasswordsForANameFromOneAddressDoNotLockItOutFromAnother() throws Exception {
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-login-lockout"),
                "sisbridge.watch.login-free-failures", "2", "sisbridge.watch.login-lockout-base-seconds", "60")) {
            String base = site.baseUrl();
            // each guess claims another client in X-Forwarded-For and Forwarded (the second the user's own computer): the
            // agent reads neither, as any client can send them, so the guesser can neither escape its count nor pass it on
            assertThat(login(base, GUESSER, "wrong-1", "10.1.1.1")).startsWith("HTTP/1.1 401");
            assertThat(login(base, GUESSER, "wrong-2", STAFF_DESK)).startsWith("HTTP/1.1 401");
            assertThat(login(base, GUESSER, StaffSite.PASSWORD, "10.1.1.3")).as("the guesser, even with the right password")
                    .startsWith("HTTP/1.1 429").contains("Too many failed logins for this user name from this computer.");

            assertThat(login(base, STAFF_DESK, StaffSite.PASSWORD, null)).as("the user at another computer")
                    .startsWith("HTTP/1.1 303").containsIgnoringCase("Set-Cookie: sisbridge_staff=");
            assertThat(login(base, GUESSER, StaffSite.PASSWORD, null)).as("the guesser still waits")
                    .startsWith("HTTP/1.1 429");

            String status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/status"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(status).as("the IT status page").contains("<p id=\"logins-waiting\" data-name-from-address=\"1\"");
            com.fasterxml.jackson.databind.JsonNode statusJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/status.json"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            assertThat(statusJson.path("staffLoginsWaiting").toString()).as("status.json, for a monitor")
                    .isEqualTo("{\"nameFromAddress\":1,\"addresses\":0,\"names\":0}");

            String log = TestLog.read();
            assertThat(log).contains("Staff login refused for user 'ana' from " + GUESSER + ": too many failed logins")
                    .contains("Staff user 'ana' logged in from " + STAFF_DESK)
                    .doesNotContain("wrong-1").doesNotContain(StaffSite.PASSWORD);
        }
    }

    /**
     * One login form posted from {@code from} (a socket bound there), as a browser on that page would, claiming to be
     * sent for {@code claimed} (when not null) in the headers a reverse proxy sets; @return the answer
     */
    static String login(String base, String from, String password, String claimed) throws Exception {
        URI uri = URI.create(base);
        String body = "user=" + StaffSite.USER + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            // and, with no trusted proxy configured (the default), claims of HTTPS and another host name are ignored too:
            // read, they would turn this login away (Origin) or the whole request (Host check)
            String proxied = claimed == null ? "" : "X-Forwarded-For: " + claimed + "\r\nForwarded: for=" + claimed
                    + ";proto=https;host=evil.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\n";
            out.write(("POST /staff/login HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n" + proxied + "Origin: " + base
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
