package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The staff pages over HTTP on loopback with a machine token set: every /staff page asks for a login
 * (the token does not open them), a cross-site login is refused, wrong passwords are throttled, the
 * session cookie is HttpOnly and SameSite=Strict, the pages and CSVs hold the staged rows with formula
 * cells neutralized and no names, logout ends the session, and /observe and status.json still take the
 * token exactly as before.
 */
class StaffPagesHttpTest {

    private static final String TOKEN = "staff-test-token-0123456789";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void loginGuardsTheStaffPagesWhileTheTokenStillGuardsObserve() throws Exception {
        Path tokenFile = java.nio.file.Files.createTempFile("staff-token", ".txt");
        java.nio.file.Files.writeString(tokenFile, TOKEN);
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-http"),
                "sisbridge.watch.token-env", "", "sisbridge.watch.token-file", tokenFile.toString(),
                "sisbridge.watch.login-free-failures", "2", "sisbridge.watch.login-lockout-base-seconds", "60")) {
            String base = site.baseUrl();

            // the token keeps working, unchanged, outside /staff; without it 401
            assertThat(get(base + "/observe/metrics", null, TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(base + "/status.json", null, TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(base + "/status.json", null, null).statusCode()).isEqualTo(401);
            assertThat(get(base + "/status", null, TOKEN).body()).as("the IT status page links to the staff pages")
                    .contains("<a id=\"staff-pages\" href=\"/staff\">");

            // every staff page, and its CSV, asks for a login: the token is not one
            for (String page : new String[] {"/staff/changes", "/staff/expiring", "/staff/roster", "/staff/conflicts",
                "/staff/changes?format=csv", "/staff"}) {
                HttpResponse<String> r = get(base + page, null, TOKEN);
                assertThat(r.statusCode()).as(page).isEqualTo(303);
                assertThat(r.headers().firstValue("Location")).as(page).hasValue("/staff/login");
            }
            HttpResponse<String> form = get(base + "/staff/login", null, null);
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("<form class=\"login\" method=\"post\" action=\"/staff/login\">");
            assertThat(form.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("form-action 'self'").doesNotContain("script"));

            // a login posted from another site is refused before the password is looked at
            assertThat(login(base, "https://evil.example", StaffSite.USER, StaffSite.PASSWORD).statusCode()).isEqualTo(403);
            assertThat(login(base, null, StaffSite.USER, StaffSite.PASSWORD).statusCode()).as("no Origin, no Referer").isEqualTo(403);

            // wrong passwords: 401 twice, then locked out (429) even with the right one
            assertThat(login(base, base, StaffSite.USER, "wrong").statusCode()).isEqualTo(401);
            assertThat(login(base, base, StaffSite.USER, "wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> locked = login(base, base, StaffSite.USER, StaffSite.PASSWORD);
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(locked.body()).contains("Too many failed logins");
            String log = org.sisbridge.testsupport.TestLog.read();
            assertThat(log).contains("Staff login failed for user 'ana'").doesNotContain("wrong\"").doesNotContain(StaffSite.PASSWORD);
        }
        java.nio.file.Files.deleteIfExists(tokenFile);
    }

    @Test
    void aLoggedInUserSeesThePagesAndSafeCsvsUntilLogout() throws Exception {
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-pages"))) {
            String base = site.baseUrl();
            HttpResponse<String> ok = login(base, base, StaffSite.USER, StaffSite.PASSWORD);
            assertThat(ok.statusCode()).isEqualTo(303);
            assertThat(ok.headers().firstValue("Location")).hasValue("/staff/changes");
            String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).startsWith("sisbridge_staff=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                    .contains("Path=/staff").doesNotContain("Secure").doesNotContain("Max-Age");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));

            String changes = get(base + "/staff/changes?status=verified&cccid=stf0002", cookie, null).body();
            assertThat(changes).contains("<b id=\"staff-user\">ana</b>")
                    .contains("<td data-col=\"cccid\">STF0002</td><td data-col=\"from_status\">unverified</td>"
                            + "<td data-col=\"to_status\">verified</td>")
                    .doesNotContain("STF0001").doesNotContain("STF0003")
                    .contains("<svg id=\"changes-chart\"").contains("data-series=\"verified\"").doesNotContain("<script");
            assertThat(get(base + "/staff/changes?status=expired", cookie, null).body()).contains(">STF0003<")
                    .doesNotContain(">STF0002<");

            String expiring = get(base + "/staff/expiring", cookie, null).body();
            assertThat(expiring).contains("<td data-col=\"cccid\">STF0001</td>").contains("id=\"how-computed\"")
                    .contains("365 days").doesNotContain("Zelda").doesNotContain("Quist");

            String roster = get(base + "/staff/roster", cookie, null).body();
            assertThat(roster).contains("<td data-col=\"reason_code\">INVALID_EMAIL</td>").contains("L-PENDING-1")
                    .contains("=HYPERLINK(&quot;").doesNotContain("Xavier").doesNotContain("Pellinore")
                    .contains("data-series=\"INVALID_EMAIL\" data-count=\"2\"").contains("data-series=\"MISSING_FIELD\" data-count=\"1\"");

            HttpResponse<String> csv = get(base + "/staff/roster?format=csv", cookie, null);
            assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"roster.csv\"");
            assertThat(csv.body()).startsWith("mis_code,local_id,status,reason_code,reason,attempts,updated_at_utc\r\n")
                    .contains("111,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",REJECTED,INVALID_EMAIL")
                    .contains("111,L-PENDING-1,PENDING");
            assertThat(get(base + "/staff/changes?format=csv&cccid=STF0002", cookie, null).body())
                    .startsWith("cccid,from_status,to_status,changed_at_utc,documented,sources\r\n").contains("STF0002,unverified,verified,");
            assertThat(get(base + "/staff/conflicts", cookie, null).body()).contains("id=\"conflicts-empty\"");

            // a roster file named after a student: its name only behind the login, the public page and JSON show its sha256
            String sha256 = "0123456789abcdef".repeat(4);
            site.rosterFile("Nomvula Tranberg fall.csv", sha256);
            assertThat(get(base + "/staff/roster", cookie, null).body())
                    .contains("<td data-col=\"file_name\">Nomvula Tranberg fall.csv</td><td data-col=\"sha256\">0123456789abcdef</td>");
            for (String open : new String[] {"/status", "/status.json"}) {
                assertThat(get(base + open, null, null).body()).as(open).contains("0123456789abcdef").doesNotContain("Nomvula")
                        .doesNotContain("Tranberg");
            }

            // logout needs the same origin too, then the cookie opens nothing
            assertThat(post(base + "/staff/logout", "https://evil.example", cookie, "").statusCode()).isEqualTo(403);
            assertThat(get(base + "/staff/roster", cookie, null).statusCode()).isEqualTo(200);
            HttpResponse<String> out = post(base + "/staff/logout", base, cookie, "");
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
            assertThat(get(base + "/staff/roster", cookie, null).statusCode()).isEqualTo(303);
        }
    }

    private HttpResponse<String> login(String base, String origin, String user, String password) throws Exception {
        return post(base + "/staff/login", origin, null, "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String url, String origin, String cookie, String form) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            r.header("Origin", origin);
        }
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String cookie, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
