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
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The name a staff page says is logged in is the session's, whatever the link or the request says: the pages
 * once took it from a message header that a query parameter of the same name (a link sent to staff) joined, so
 * {@code ?X-Sisbridge-Staff-User=...} put any text beside the logout button.
 */
class StaffUserNameSpoofTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theLoggedInNameIsTheSessionsNotTheQueryStrings() throws Exception {
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-user-spoof"))) {
            String base = site.baseUrl();
            String cookie = site.sessionCookie(http);
            String spoof = URLEncoder.encode("IT support: call 555-0100 now", StandardCharsets.UTF_8);
            for (String query : new String[] {"?X-Sisbridge-Staff-User=" + spoof, "?x-sisbridge-staff-user=" + spoof,
                "?CamelVertxPlatformHttpAuthenticatedUser=" + spoof}) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/staff/expiring" + query))
                        .header("Cookie", cookie).header("X-Sisbridge-Staff-User", "mallory").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).as(query).contains("<b id=\"staff-user\">ana</b>").doesNotContain("555-0100")
                        .doesNotContain("mallory");
            }
        }
    }
}
