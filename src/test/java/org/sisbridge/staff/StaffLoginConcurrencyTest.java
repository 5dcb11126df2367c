package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.sisbridge.staff.login.StaffUsers;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Password guesses sent all at once get no more tries than guesses sent one after another: with two free
 * failures, twenty simultaneous wrong passwords are two checked passwords and eighteen refusals. The
 * throttle once counted a failure only after bcrypt had answered, so every guess that arrived while the
 * first ones were being checked (a quarter of a second each at cost 12) was checked too.
 */
class StaffLoginConcurrencyTest {

    private static final int GUESSES = 20;

    @Test
    void simultaneousWrongPasswordsAreThrottledLikeSuccessiveOnes() throws Exception {
        try (StaffSite site = StaffSite.start(TestDatabases.create(DatabaseKind.H2, "staff-login-burst"),
                "sisbridge.watch.login-free-failures", "2", "sisbridge.watch.login-lockout-base-seconds", "60")) {
            new StaffUsers(site.usersFile, 12).put(StaffSite.USER, StaffSite.PASSWORD.toCharArray()); // the default cost
            String base = site.baseUrl();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < GUESSES; i++) {
                answers.add(http.sendAsync(login(base, "guess-" + i), HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                byStatus.merge(answer.get().statusCode(), 1, Integer::sum);
            }
            assertThat(byStatus).as("status code to answers").isEqualTo(Map.of(401, 2, 429, GUESSES - 2));
            assertThat(http.send(login(base, StaffSite.PASSWORD), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("the right password while locked out").isEqualTo(429);
        }
    }

    private static HttpRequest login(String base, String password) {
        return HttpRequest.newBuilder(URI.create(base + "/staff/login")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("user=" + StaffSite.USER + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build();
    }
}
