package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.testsupport.TestLog;

/**
 * The endpoint on loopback behind a reverse proxy on the same machine (sisbridge.watch.trusted-proxies=127.0.0.1),
 * driven over real HTTP from two loopback addresses: 127.0.0.1 is the proxy, 127.0.0.2 a client that is not. The
 * proxy's X-Forwarded-For names the client the login throttle counts, X-Forwarded-Proto: https makes the cookie
 * Secure, X-Forwarded-Host is what the browser's Origin must name; the same headers from 127.0.0.2 change nothing.
 * What loopback alone opens (no token: the status page, status.json, /observe) stays closed to a client the proxy
 * forwards from the network.
 */
class StaffBehindProxyTest {

    private static final String PROXY = "127.0.0.1";
    private static final String NOT_A_PROXY = "127.0.0.2";
    private static final String SITE = "https://sisbridge.college.edu";

    private static StaffSite site;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-behind-proxy"),
                "sisbridge.watch.trusted-proxies", PROXY, "sisbridge.watch.allowed-hosts", "sisbridge.college.edu",
                "sisbridge.watch.login-free-failures", "2", "sisbridge.watch.login-lockout-base-seconds", "60");
        base = site.baseUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @Test
    void failedLoginsCountPerRealClientBehindTheProxy() throws Exception {
        assertThat(proxiedLogin("10.0.0.66", "wrong-1")).startsWith("HTTP/1.1 401");
        assertThat(proxiedLogin("10.0.0.66", "wrong-2")).startsWith("HTTP/1.1 401");
        assertThat(proxiedLogin("10.0.0.66", StaffSite.PASSWORD)).as("the guesser, even with the right password")
                .startsWith("HTTP/1.1 429").contains("Too many failed logins for this user name from this computer.");
        assertThat(proxiedLogin("10.0.0.77", StaffSite.PASSWORD)).as("ana at her desk, through the same proxy")
                .startsWith("HTTP/1.1 303").containsIgnoringCase("Set-Cookie: sisbridge_staff=");
        // an unreadable X-Forwarded-For is counted as the proxy's own, and answered
        assertThat(login(PROXY, "wrong-3", "X-Forwarded-For: not-an-address\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Host: sisbridge.college.edu\r\nOrigin: " + SITE + "\r\n")).startsWith("HTTP/1.1 401");

        assertThat(TestLog.read()).contains("Staff login refused for user 'ana' from 10.0.0.66 (through proxy 127.0.0.1)")
                .contains("Staff user 'ana' logged in from 10.0.0.77 (through proxy 127.0.0.1)")
                .contains("Staff login failed for user 'ana' from 127.0.0.1 (through proxy 127.0.0.1)")
                .doesNotContain("wrong-1").doesNotContain(StaffSite.PASSWORD).doesNotContain("not-an-address");
    }

    @Test
    void theCookieIsSecureWhenATrustedProxySaysHttps() throws Exception {
        assertThat(cookie(proxiedLogin("10.0.0.81", StaffSite.PASSWORD))).containsIgnoringCase("; Secure");
        String direct = login(NOT_A_PROXY, StaffSite.PASSWORD, "X-Forwarded-Proto: https\r\nOrigin: " + base + "\r\n");
        assertThat(direct).as("the same header from a peer that is not a proxy").startsWith("HTTP/1.1 303");
        assertThat(cookie(direct)).startsWithIgnoringCase("Set-Cookie: sisbridge_staff=").doesNotContainIgnoringCase("Secure");
    }

    @Test
    void theOriginIsComparedWithTheHostTheBrowserAskedTheProxyFor() throws Exception {
        String headers = "X-Forwarded-Proto: https\r\nX-Forwarded-Host: sisbridge.college.edu\r\nOrigin: " + SITE + "\r\n";
        assertThat(login(PROXY, StaffSite.PASSWORD, "X-Forwarded-For: 10.0.0.82\r\n" + headers)).startsWith("HTTP/1.1 303");
        assertThat(login(NOT_A_PROXY, StaffSite.PASSWORD, "X-Forwarded-For: 10.0.0.82\r\n" + headers))
                .as("the same claims from a peer that is not a proxy").startsWith("HTTP/1.1 403");
        assertThat(login(PROXY, StaffSite.PASSWORD, "X-Forwarded-For: 10.0.0.82\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Host: sisbridge.college.edu\r\nOrigin: https://evil.example\r\n"))
                .as("another site's page, through the proxy").startsWith("HTTP/1.1 403");
        // a name re-pointed at the proxy (DNS rebinding) is not ours to answer, though the proxy's Host is our address
        assertThat(request(PROXY, "GET", "/status", "X-Forwarded-For: 10.0.0.82\r\nX-Forwarded-Host: evil.example\r\n", ""))
                .startsWith("HTTP/1.1 421");
    }

    @Test
    void whatLoopbackOpensStaysClosedToAClientTheProxyForwardsFromTheNetwork() throws Exception {
        for (String path : new String[] {"/status", "/status.json", "/observe/metrics"}) {
            assertThat(request(PROXY, "GET", path, "X-Forwarded-For: 10.0.0.66\r\nX-Forwarded-Proto: https\r\n", ""))
                    .as(path + " for a client on the network").startsWith("HTTP/1.1 403").contains("set a token");
            assertThat(request(PROXY, "GET", path, "X-Forwarded-For: garbage\r\n", ""))
                    .as(path + " for a client the proxy could not name").startsWith("HTTP/1.1 403");
            assertThat(request(PROXY, "GET", path, "X-Forwarded-For: 127.0.0.1\r\n", ""))
                    .as(path + " for a browser on this machine, through the proxy").startsWith("HTTP/1.1 200");
            assertThat(request(PROXY, "GET", path, "", "")).as(path + " from this machine directly").startsWith("HTTP/1.1 200");
            assertThat(request(NOT_A_PROXY, "GET", path, "X-Forwarded-For: 10.0.0.66\r\n", ""))
                    .as(path + " from this machine, claiming another client").startsWith("HTTP/1.1 200");
        }
        // the staff pages beyond this machine only over HTTPS, as bound beyond loopback they need a key store
        assertThat(request(PROXY, "GET", "/staff/login", "X-Forwarded-For: 10.0.0.66\r\n", ""))
                .startsWith("HTTP/1.1 403").contains("need HTTPS");
        assertThat(request(PROXY, "GET", "/staff/login", "X-Forwarded-For: 10.0.0.66\r\nX-Forwarded-Proto: https\r\n", ""))
                .startsWith("HTTP/1.1 200");
    }

    /** A login as a browser at {@code client} sends it through an nginx set up as docs/operations.md says. */
    private static String proxiedLogin(String client, String password) throws Exception {
        return login(PROXY, password, "X-Forwarded-For: " + client + "\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Host: sisbridge.college.edu\r\nOrigin: " + SITE + "\r\n");
    }

    private static String login(String from, String password, String headers) throws Exception {
        return request(from, "POST", "/staff/login", headers + "Content-Type: application/x-www-form-urlencoded\r\n",
                "user=" + StaffSite.USER + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    private static String cookie(String answer) {
        return answer.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11)).findFirst().orElse("");
    }

    /** One request sent from {@code from} (a socket bound there) with these header lines; @return the whole answer */
    private static String request(String from, String method, String path, String headers, String body) throws Exception {
        URI uri = URI.create(base);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\n" + headers
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
