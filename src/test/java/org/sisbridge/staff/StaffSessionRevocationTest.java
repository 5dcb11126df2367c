package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.staff.login.StaffUsers;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * 'sisbridge users remove NAME' and a new password ('users add NAME' again) end the user's sessions at their next
 * request: the command writes the users file, which the running agent reads, and a session holds the hash it
 * logged in with. Sessions once outlived both for as long as the browser kept using them (the idle timeout
 * restarts at every request), so a member of staff who left kept the pages.
 */
class StaffSessionRevocationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void removingAUserOrChangingTheirPasswordEndsTheirSessions() throws Exception {
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-revoke"))) {
            String base = site.baseUrl();
            StaffUsers users = new StaffUsers(site.usersFile, 4); // what 'sisbridge users' does to the same file
            users.put("ben", "ben's password 1".toCharArray());
            String ana = logIn(base, StaffSite.USER, StaffSite.PASSWORD);
            String ben = logIn(base, "ben", "ben's password 1");
            assertThat(get(base + "/staff/changes", ana).statusCode()).isEqualTo(200);
            assertThat(get(base + "/staff/changes", ben).statusCode()).isEqualTo(200);

            assertThat(users.remove(StaffSite.USER)).isTrue();
            HttpResponse<String> removed = get(base + "/staff/changes", ana);
            assertThat(removed.statusCode()).as("ana, removed").isEqualTo(303);
            assertThat(removed.headers().firstValue("Location")).hasValue("/staff/login");
            assertThat(get(base + "/staff/changes?format=csv", ana).statusCode()).as("nor the CSV").isEqualTo(303);

            users.put("ben", "ben's password 2".toCharArray());
            assertThat(get(base + "/staff/roster", ben).statusCode()).as("ben, after a new password").isEqualTo(303);
            String benAgain = logIn(base, "ben", "ben's password 2");
            assertThat(get(base + "/staff/roster", benAgain).statusCode()).as("ben, logged in with it").isEqualTo(200);
        }
    }

    private String logIn(String base, String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/staff/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("login of " + user).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
