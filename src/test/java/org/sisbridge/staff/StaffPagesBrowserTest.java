package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sisbridge.dictionary.IdmeStatus;
import org.sisbridge.staff.login.StaffUsers;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.DevTools;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The staff pages used as staff use them, in headless Chromium over the DevTools protocol, on H2 and
 * PostgreSQL: a user added through the users file logs in (a wrong password first shows the error), filters
 * the status changes by target status and CCCID and sees just those rows, sees the SVG charts with one bar
 * per staged count, downloads CSVs (a formula-like cell arrives neutralized), the pages stay under a CSP
 * the browser enforces against scripts, the session cookie is HttpOnly and SameSite=Strict, and logging
 * out closes the pages again. Screenshots of each page: target/screenshots/{h2,postgresql}/.
 */
class StaffPagesBrowserTest {

    private static final String USER = "ben";
    private static final String PASSWORD = "Tea, then the roster 7";
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 800;

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"H2", "POSTGRESQL"})
    void staffLogInFilterSearchDownloadAndSeeTheCharts(DatabaseKind kind) throws Exception {
        Assumptions.assumeTrue(DevTools.installed(), () -> "staff pages browser test SKIPPED: no chromium at " + DevTools.BINARY);
        Path shots = AgentFixture.HOME.resolve("target/screenshots/" + kind.name().toLowerCase());
        try (StaffSite site = StaffSite.start(TestDatabases.create(kind, "staff-browser"));
             DevTools browser = DevTools.start(WIDTH, HEIGHT)) {
            site.reconciliationConflict("L-CONFLICT-1", "SIS0042", "UPS0042");
            new StaffUsers(site.usersFile, 4).put(USER, PASSWORD.toCharArray());
            String base = site.baseUrl();
            site.fixture.awaitEventsCaughtUp(); // so the feed's rejects in the roster page's chart are all in

            // a page asked for before logging in shows the login form
            browser.navigate(base + "/staff/changes");
            assertThat(browser.location()).isEqualTo(base + "/staff/login");
            assertThat(browser.text("document.querySelector('form.login h2').innerText")).isEqualTo("Log in");
            shot(browser, shots.resolve("login.png"));

            logIn(browser, USER, "not the password");
            assertThat(browser.location()).isEqualTo(base + "/staff/login");
            assertThat(browser.text("document.querySelector('#login-message').innerText")).isEqualTo("Wrong name or password.");

            logIn(browser, USER, PASSWORD);
            assertThat(browser.location()).isEqualTo(base + "/staff/changes");
            assertThat(browser.text("document.querySelector('#staff-user').innerText")).isEqualTo(USER);
            JsonNode cookie = cookie(browser);
            assertThat(cookie).as("the session cookie").isNotNull();
            assertThat(cookie.path("httpOnly").asBoolean()).isTrue();
            assertThat(cookie.path("sameSite").asText()).isEqualTo("Strict");
            assertThat(cookie.path("secure").asBoolean()).as("plain HTTP on loopback").isFalse();
            assertThat(cookie.path("session").asBoolean()).as("gone when the browser closes").isTrue();
            assertThat(browser.text("document.cookie")).doesNotContain("sisbridge_staff");

            // the changes of the last 7 days: three, one bar each in the chart, a legend of every status, a label per day
            assertThat(rows(browser, "changes")).extracting(r -> r.get(0) + " " + r.get(2))
                    .containsExactly("STF0003 expired", "STF0002 verified", "STF0002 unverified");
            assertThat(bars(browser, "changes-chart")).containsOnly(Map.entry("expired", 1), Map.entry("verified", 1),
                    Map.entry("unverified", 1));
            assertThat(strings(browser.evaluate("[...document.querySelectorAll('#changes-chart text.legend')].map(t => t.textContent)")))
                    .containsExactlyElementsOf(IdmeStatus.VALUES.stream().sorted().toList());
            assertThat(browser.evaluate("[...document.querySelectorAll('#changes-chart text')]"
                    + ".filter(t => /^\\d\\d-\\d\\d$/.test(t.textContent)).length").asInt()).as("day labels").isEqualTo(7);
            assertThat(browser.evaluate("document.querySelector('#changes-chart').getBoundingClientRect().width").asDouble())
                    .as("the chart is drawn").isGreaterThan(300);
            assertThat(browser.text("document.body.innerText")).doesNotContain("Yannick").doesNotContain("Orrow");

            // filter by target status and search a CCCID, as typed (lower case)
            browser.loadAfter("document.querySelector('#status').value = 'verified';"
                    + "document.querySelector('#cccid').value = 'stf0002';"
                    + "document.querySelector('#apply').click()");
            assertThat(browser.location()).contains("status=verified").contains("cccid=stf0002");
            List<List<String>> filtered = rows(browser, "changes");
            assertThat(filtered).hasSize(1);
            assertThat(filtered.get(0).subList(0, 3)).containsExactly("STF0002", "unverified", "verified");
            assertThat(filtered.get(0).get(4)).isEqualTo("yes");
            assertThat(bars(browser, "changes-chart")).containsOnly(Map.entry("verified", 1));
            shot(browser, shots.resolve("changes.png"));

            Path downloads = work.resolve("downloads");
            browser.downloadTo(downloads);
            Path changesCsv = browser.download("document.querySelector('#csv').click()", downloads);
            assertThat(changesCsv.getFileName().toString()).isEqualTo("changes.csv");
            List<String> changesLines = Files.readAllLines(changesCsv);
            assertThat(changesLines).hasSize(2);
            assertThat(changesLines.get(0)).isEqualTo("cccid,from_status,to_status,changed_at_utc,documented,sources");
            assertThat(changesLines.get(1)).startsWith("STF0002,unverified,verified,");

            // the page's CSP forbids every script and the browser holds to it
            assertThat(header(browser.documentHeaders("/staff/changes"), "Content-Security-Policy"))
                    .contains("default-src 'none'").contains("form-action 'self'").doesNotContain("script");
            assertThat(browser.evaluate("const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                    + " document.body.appendChild(s); typeof window.ran").asText()).as("an inline script ran").isEqualTo("undefined");

            // expiring verifications: the student verified 364 days ago
            browser.loadAfter("[...document.querySelectorAll('nav a')].find(a => a.pathname === '/staff/expiring').click()");
            assertThat(rows(browser, "expiring")).extracting(r -> r.get(0)).containsExactly("STF0001");
            assertThat(browser.text("document.body.innerText")).doesNotContain("Zelda").doesNotContain("Quist");
            shot(browser, shots.resolve("expiring.png"));

            // the roster: the waiting and the rejected student, the rejects chart, the CSV with the formula neutralized
            browser.loadAfter("[...document.querySelectorAll('nav a')].find(a => a.pathname === '/staff/roster').click()");
            assertThat(rows(browser, "roster")).extracting(r -> r.get(1))
                    .containsExactlyInAnyOrder(StaffSite.FORMULA_LOCAL_ID, "L-PENDING-1");
            // the chart counts every source's rejects: the seeded roster ones and the feed's bad events, all of today
            Map<String, Integer> rejects = new java.util.TreeMap<>();
            site.fixture.db().rows("SELECT reason_code, COUNT(*) AS n FROM sisbridge_reject GROUP BY reason_code")
                    .forEach(r -> rejects.put(String.valueOf(r.get("reason_code")), ((Number) r.get("n")).intValue()));
            assertThat(rejects).containsEntry("INVALID_EMAIL", 2).containsEntry("MISSING_FIELD", 1);
            assertThat(bars(browser, "rejects-chart")).isEqualTo(rejects);
            assertThat(browser.text("document.body.innerText")).doesNotContain("Xavier").doesNotContain("Pellinore");
            shot(browser, shots.resolve("roster.png"));
            String rosterCsv = Files.readString(browser.download("document.querySelector('#csv').click()", downloads));
            assertThat(rosterCsv).startsWith("mis_code,local_id,status,reason_code,reason,attempts,updated_at_utc\r\n")
                    .contains("\r\n111,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",REJECTED,INVALID_EMAIL,")
                    .contains("\r\n111,L-PENDING-1,PENDING,").doesNotContain("Xavier");

            // the latest reconciliation's conflict, searched by the upstream CCCID
            browser.loadAfter("[...document.querySelectorAll('nav a')].find(a => a.pathname === '/staff/conflicts').click()");
            assertThat(rows(browser, "conflicts")).extracting(r -> String.join(" ", r.subList(1, 5)))
                    .containsExactly("L-CONFLICT-1 SIS0042 UPS0042 DIFFERS");
            shot(browser, shots.resolve("conflicts.png"));
            browser.loadAfter("document.querySelector('#cccid').value = 'ups0042'; document.querySelector('#apply').click()");
            assertThat(rows(browser, "conflicts")).hasSize(1);
            browser.loadAfter("document.querySelector('#cccid').value = 'AGR0001'; document.querySelector('#apply').click()");
            assertThat(browser.evaluate("document.querySelector('#conflicts-empty') !== null").asBoolean())
                    .as("a student whose CCCIDs agree is no conflict").isTrue();

            // logging out ends the session: the cookie is gone and the pages ask for the login again
            browser.loadAfter("document.querySelector('#logout').click()");
            assertThat(browser.location()).isEqualTo(base + "/staff/login");
            assertThat(cookie(browser)).isNull();
            browser.navigate(base + "/staff/roster");
            assertThat(browser.location()).isEqualTo(base + "/staff/login");
        }
    }

    private static void logIn(DevTools browser, String user, String password) throws Exception {
        browser.loadAfter("document.querySelector('#user').value = " + jsString(user) + ";"
                + "document.querySelector('#password').value = " + jsString(password) + ";"
                + "document.querySelector('#login').click()");
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The rows of the page's table as shown: each cell's visible text. */
    private static List<List<String>> rows(DevTools browser, String table) throws Exception {
        JsonNode rows = browser.evaluate("[...document.querySelectorAll('table#" + table + " tr.row')]"
                + ".map(r => [...r.cells].map(c => c.innerText))");
        List<List<String>> out = new ArrayList<>();
        rows.forEach(r -> out.add(strings(r)));
        return out;
    }

    /** The chart's bars: series to count, each bar drawn (of a height above zero). */
    private static Map<String, Integer> bars(DevTools browser, String chart) throws Exception {
        JsonNode bars = browser.evaluate("[...document.querySelectorAll('svg#" + chart + " rect.bar')]"
                + ".filter(b => b.getBoundingClientRect().height > 0).map(b => [b.dataset.series, Number(b.dataset.count)])");
        Map<String, Integer> out = new java.util.TreeMap<>();
        bars.forEach(b -> out.merge(b.get(0).asText(), b.get(1).asInt(), Integer::sum));
        assertThat(bars.size()).as("one bar per series and day").isEqualTo(out.size());
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode cookie(DevTools browser) throws Exception {
        for (JsonNode c : browser.cookies()) {
            if ("sisbridge_staff".equals(c.path("name").asText())) {
                return c;
            }
        }
        return null;
    }

    private static String header(JsonNode headers, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue().asText();
            }
        }
        throw new AssertionError("no " + name + " header in " + headers);
    }

    /** A screenshot kept with the test output, checked to be a picture of the page and not a blank. */
    private static void shot(DevTools browser, Path png) throws Exception {
        browser.screenshot(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 8) {
            for (int x = 0; x < image.getWidth(); x += 8) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours).as("distinct colours in " + png.getFileName()).hasSizeGreaterThan(5);
    }
}
