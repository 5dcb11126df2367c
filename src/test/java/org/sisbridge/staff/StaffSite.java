package org.sisbridge.staff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staff.login.StaffUsers;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/**
 * A test agent with the staff pages, one staff user (ana / the password below) and staged rows every
 * page shows: changes and an expiring verification, roster students waiting and rejected (one local id
 * shaped like a spreadsheet formula), and rejects of two reasons today.
 */
public final class StaffSite implements AutoCloseable {

    public static final String USER = "ana";
    public static final String PASSWORD = "Correct horse 42";
    public static final String FORMULA_LOCAL_ID = "=HYPERLINK(\"http://evil.example\",\"x\")";

    public final AgentFixture fixture;
    public final SisbridgeAgent agent;
    public final Path usersFile;

    private StaffSite(AgentFixture fixture, SisbridgeAgent agent, Path usersFile) {
        this.fixture = fixture;
        this.agent = agent;
        this.usersFile = usersFile;
    }

    public static StaffSite start(TestDatabase database, String... extraProperties) throws Exception {
        Path users = AgentFixture.HOME.resolve("target/test-staff/" + UUID.randomUUID() + "/staff-users");
        new StaffUsers(users, 4).put(USER, PASSWORD.toCharArray());
        SimulatorSettings settings = SimulatorSettings.demo();
        settings.eventsPerMisCode = 20;
        AgentFixture fixture = new AgentFixture(settings, database)
                .property("sisbridge.watch.users-file", users.toString())
                .property("sisbridge.roster.enabled", false)
                .property("sisbridge.reports.enabled", false);
        for (int i = 0; i + 1 < extraProperties.length; i += 2) {
            fixture.property(extraProperties[i], extraProperties[i + 1]);
        }
        SisbridgeAgent agent = fixture.start();
        seed(database);
        return new StaffSite(fixture, agent, users);
    }

    private static void seed(TestDatabase database) throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        new StatusRows(database)
                .event("STF0001", "verified", now.minusDays(364), "Zelda", "Quist")   // expires within a day
                .report("STF0001", "verified", now.minusDays(364))
                .event("STF0002", "unverified", now.minusDays(3), "Yannick", "Orrow")
                .event("STF0002", "verified", now.minusDays(1), "Yannick", "Orrow")
                .report("STF0003", "expired", now.minusHours(2));
        try (var c = database.dataSource().getConnection()) {
            try (var insert = c.prepareStatement("INSERT INTO cccid_request (mis_code, local_id, first_name, last_name, status,"
                    + " reason_code, status_reason, attempts, created_at, updated_at) VALUES ('111', ?, 'Xavier', 'Pellinore', ?, ?, ?, 1, ?, ?)")) {
                Object[][] rows = {{FORMULA_LOCAL_ID, "REJECTED", "INVALID_EMAIL", "e-mail address is not valid"},
                    {"L-PENDING-1", "PENDING", null, null}};
                for (Object[] row : rows) {
                    for (int i = 0; i < 4; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.setTimestamp(5, Timestamp.valueOf(now));
                    insert.setTimestamp(6, Timestamp.valueOf(now));
                    insert.executeUpdate();
                }
            }
            try (var insert = c.prepareStatement("INSERT INTO sisbridge_reject (source, record_key, reason_code, reason, raw_input,"
                    + " rejected_at) VALUES ('roster-file', ?, ?, 'test', '{}', ?)")) {
                String[][] rows = {{"k1", "INVALID_EMAIL"}, {"k2", "INVALID_EMAIL"}, {"k3", "MISSING_FIELD"}};
                for (String[] row : rows) {
                    insert.setString(1, row[0]);
                    insert.setString(2, row[1]);
                    insert.setTimestamp(3, Timestamp.valueOf(now.minusMinutes(5)));
                    insert.executeUpdate();
                }
            }
        }
    }

    /** A roster file as the drop folder records one, named as staff might name it; a line of it rejected. */
    public void rosterFile(String name, String sha256) throws Exception {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        try (var c = fixture.database.dataSource().getConnection()) {
            try (var file = c.prepareStatement("INSERT INTO cccid_roster_file (source, file_name, row_count, unreadable_lines,"
                    + " loaded_at, encoding) VALUES (?, ?, 2, 1, ?, 'UTF-8')")) {
                file.setString(1, name + " sha256:" + sha256);
                file.setString(2, name);
                file.setTimestamp(3, now);
                file.executeUpdate();
            }
            try (var reject = c.prepareStatement("INSERT INTO sisbridge_reject (source, record_key, source_ref, line_number,"
                    + " reason_code, reason, raw_input, rejected_at) VALUES ('roster-file', ?, ?, 3, 'UNREADABLE_ROSTER_LINE',"
                    + " 'test', '{}', ?)")) {
                reject.setString(1, sha256.substring(0, 16) + ":3");
                reject.setString(2, name);
                reject.setTimestamp(3, now);
                reject.executeUpdate();
            }
        }
    }

    /** A complete reconciliation run of college 111 in which that student's CCCID in the SIS differs from upstream's. */
    public void reconciliationConflict(String localId, String sisCccId, String upstreamCccId) throws Exception {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        try (var c = fixture.database.dataSource().getConnection()) {
            try (var run = c.prepareStatement("INSERT INTO sisbridge_reconcile_run (run_id, mis_code, status, students, started_at,"
                    + " finished_at, updated_at) VALUES ('rc-staff', '111', 'COMPLETE', 2, ?, ?, ?)")) {
                run.setTimestamp(1, now);
                run.setTimestamp(2, now);
                run.setTimestamp(3, now);
                run.executeUpdate();
            }
            try (var row = c.prepareStatement("INSERT INTO cccid_reconcile (run_id, mis_code, local_id, sis_ccc_id, upstream_ccc_id,"
                    + " outcome, matched_on, reason, batch_id, checked_at) VALUES ('rc-staff', '111', ?, ?, ?, ?, ?, ?, 'b1', ?)")) {
                Object[][] rows = {{localId, sisCccId, upstreamCccId, "DIFFERS", "name+birth_date", "upstream matched another CCCID"},
                    {localId + "-OK", "AGR0001", "AGR0001", "AGREE", "ccc_id", null}};
                for (Object[] values : rows) {
                    for (int i = 0; i < values.length; i++) {
                        row.setObject(i + 1, values[i]);
                    }
                    row.setTimestamp(7, now);
                    row.executeUpdate();
                }
            }
        }
    }

    public String baseUrl() {
        return org.sisbridge.watch.WatchEndpoint.baseUrl(agent.camelContext());
    }

    /** Logs {@link #USER} in through the login form, from the site's own origin; @return the answer, whose Set-Cookie is the session */
    public java.net.http.HttpResponse<String> logIn(java.net.http.HttpClient http) throws Exception {
        String base = baseUrl();
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("user=" + USER + "&password="
                        + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #logIn}'s session cookie, as a Cookie header value */
    public String sessionCookie(java.net.http.HttpClient http) throws Exception {
        String setCookie = logIn(http).headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Override
    public void close() throws Exception {
        fixture.close();
        Files.deleteIfExists(usersFile);
    }
}
