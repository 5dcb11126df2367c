package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.status.StatusSnapshot;
import org.sisbridge.status.StatusSnapshotReader;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.StatusPageHtml;

/**
 * Roster files as staff save them from Excel, dropped in the inbox, sent to the simulator: every
 * accented and non-Latin name is stored and created upstream exactly as typed, and each file's
 * encoding is recorded. The reproduction: a "CSV (Comma delimited)" file (windows-1252) holding
 * José Peña was stored and created upstream as Jos\uFFFD Pe\uFFFDa.
 */
class RosterEncodingsTest {

    private static final String MIS = "111";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    static Stream<DatabaseKind> databases() {
        return Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("databases")
    void everyEncodingExcelWritesLoadsWithNamesStoredAndSentExactly(DatabaseKind kind) throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        TestDatabase database = TestDatabases.create(kind, "roster-encodings");
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), database)
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            Map<String, String[]> expected = new LinkedHashMap<>();
            // Excel "CSV UTF-8" without the BOM (other tools), every script and mark staff have typed
            drop(dir, "utf8.csv", file(",", expected, "U", Names.EVERY_SCRIPT).getBytes(StandardCharsets.UTF_8));
            // Excel "CSV UTF-8" with its BOM, semicolon-separated as in locales whose decimal mark is a comma
            drop(dir, "utf8-bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    file(";", expected, "B", List.of(new String[] {"Chloé", "Brontë"}, new String[] {"Łukasz", "Wąsowski"}))
                            .getBytes(StandardCharsets.UTF_8)));
            // Excel "Unicode Text": UTF-16LE with BOM, tab-separated, .txt
            drop(dir, "unicode.txt", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                    file("\t", expected, "T", List.of(new String[] {"Bjørn", "Ødegård"}, new String[] {"Dương", "Nguyễn"}))
                            .getBytes(StandardCharsets.UTF_16LE)));
            // Excel "CSV (Comma delimited)": windows-1252 (the reproduction), curly apostrophe 0x92 included
            drop(dir, "excel.csv", file(",", expected, "W", List.of(new String[] {"José", "Peña"},
                    new String[] {"Zoë", "D’Angelo"}, new String[] {"François", "Müller-Lüdenscheidt"})).getBytes(WINDOWS_1252));
            // ISO-8859-1: its letters decode the same under windows-1252
            drop(dir, "latin1.csv", file(",", expected, "L", List.of(new String[] {"Ñuño", "Ibáñez"},
                    new String[] {"Françoise", "Gaëlle"})).getBytes(StandardCharsets.ISO_8859_1));
            // Excel on a Mac, "Comma Separated Values": Mac Roman, lines ended by a CR alone (before: read as
            // windows-1252, José Peña was stored and created upstream as JosŽ Pe–a)
            drop(dir, "mac.csv", file(",", expected, "M", List.of(new String[] {"José", "Peña"},
                    new String[] {"Zoë", "Ødegård"})).replace("\r\n", "\r").getBytes(RosterFileText.MAC_ROMAN));

            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(60));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> fixture.db().count("SELECT COUNT(*) FROM cccid_roster_file") == 6);

            for (Map.Entry<String, String[]> e : expected.entrySet()) {
                String id = e.getKey();
                String[] name = e.getValue();
                List<Map<String, Object>> rows = fixture.db().rows("SELECT first_name, last_name, status FROM cccid_request"
                        + " WHERE local_id = '" + id + "'");
                assertThat(rows).as(id).hasSize(1);
                assertThat(rows.get(0).get("status")).as(id).isEqualTo("DONE");
                assertThat(new String[] {(String) rows.get(0).get("first_name"), (String) rows.get(0).get("last_name")})
                        .as("stored name of %s", id).containsExactly(name);
                assertThat(fixture.simulator.accounts().namesCreated(MIS, id)).as("name created upstream for %s", id)
                        .isEqualTo(Arrays.asList(name[0], null, name[1]));
            }
            assertThat(fixture.db().rows("SELECT file_name, encoding FROM cccid_roster_file ORDER BY file_name"))
                    .extracting(r -> r.get("file_name") + " " + r.get("encoding"))
                    .containsExactly("excel.csv windows-1252", "latin1.csv windows-1252", "mac.csv x-MacRoman",
                            "unicode.txt UTF-16LE BOM",
                            "utf8-bom.csv UTF-8 BOM", "utf8.csv UTF-8");
            StatusSnapshot status = fixture.camelContext().getRegistry()
                    .lookupByNameAndType("statusSnapshotReader", StatusSnapshotReader.class).read();
            assertThat(status.recentRosterFiles()).extracting(StatusSnapshot.RosterFile::encoding).contains("UTF-16LE BOM");
            // the public page names the file by its content's sha256, never by a name staff may have made of a student's
            String source = (String) fixture.db().single("SELECT source FROM cccid_roster_file WHERE file_name = 'unicode.txt'");
            String sha256 = source.substring(source.lastIndexOf("sha256:") + 7).substring(0, 16);
            String page = new StatusPageHtml(ZoneId.of("UTC"), 30).render(status);
            assertThat(page).contains("<td class=\"sha256\">" + sha256 + "</td><td class=\"encoding\">UTF-16LE BOM</td>")
                    .doesNotContain("unicode.txt").doesNotContain("latin1.csv");
            java.io.StringWriter text = new java.io.StringWriter();
            org.sisbridge.status.StatusText.print(status, new java.io.PrintWriter(text));
            assertThat(text.toString()).contains("sha256:" + sha256).doesNotContain("unicode.txt");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("databases")
    void aNameThatStillHoldsAReplacementCharacterIsRejectedAndNeverSent(DatabaseKind kind) throws Exception {
        Path dir = AgentFixture.HOME.resolve("target/test-rosters/" + UUID.randomUUID());
        try (AgentFixture fixture = RosterFixtures.agent(new SimulatorSettings(), TestDatabases.create(kind, "roster-fffd"))
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"))) {
            fixture.start();
            // what a file mangled before it reached us holds: valid UTF-8, with U+FFFD where the letters were
            drop(dir, "mangled.csv", ("local_id,first_name,last_name,birth_date,email\n"
                    + "M1,Jos\uFFFD,Pe\uFFFDa,2001-03-04,m1@college.example.edu\n"
                    + "M2,Ana,Lopez,2001-03-05,m2@college.example.edu\n").getBytes(StandardCharsets.UTF_8));
            // a byte windows-1252 does not define (0x81): refused whole with a reason, never decoded to U+FFFD
            ByteArrayOutputStream undefined = new ByteArrayOutputStream();
            undefined.write("local_id,first_name,last_name,birth_date,email\nX1,Ana,Lopez,2001-03-06,x1@college.example.edu\nX2,Jos"
                    .getBytes(StandardCharsets.US_ASCII));
            undefined.write(0x81);
            undefined.write(",Lopez,2001-03-07,x2@college.example.edu\n".getBytes(StandardCharsets.US_ASCII));
            drop(dir, "undefined.csv", undefined.toByteArray());
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(30));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(dir.resolve("inbox/error/undefined.csv.reason")));
            assertThat(Files.readString(dir.resolve("inbox/error/undefined.csv.reason")))
                    .contains("not windows-1252 text", "CSV UTF-8");
            assertThat(fixture.db().rows("SELECT local_id, status, reason_code FROM cccid_request ORDER BY local_id"))
                    .extracting(r -> r.get("local_id") + " " + r.get("status") + " " + r.get("reason_code"))
                    .containsExactly("M1 REJECTED UNUSABLE_CHARACTER", "M2 DONE null");
            assertThat(fixture.simulator.accounts().accountsCreated(MIS, "M1")).isZero();
        }
    }

    /** A roster file's text with the given delimiter; each student gets an id, a birth date and an e-mail of its own. */
    private static String file(String delimiter, Map<String, String[]> expected, String prefix, List<String[]> names) {
        StringBuilder text = new StringBuilder(String.join(delimiter, "local_id", "first_name", "last_name", "birth_date",
                "email")).append("\r\n");
        for (int i = 0; i < names.size(); i++) {
            String id = prefix + (i + 1);
            expected.put(id, names.get(i));
            text.append(String.join(delimiter, id, names.get(i)[0], names.get(i)[1],
                    "19" + (70 + expected.size()) + "-0" + (1 + i % 9) + "-1" + (i % 9), id.toLowerCase() + "@college.example.edu"))
                    .append("\r\n");
        }
        return text.toString();
    }

    private static byte[] concat(byte[] bom, byte[] text) {
        byte[] all = Arrays.copyOf(bom, bom.length + text.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        return all;
    }

    private static void drop(Path dir, String name, byte[] content) throws Exception {
        Files.createDirectories(dir.resolve("inbox"));
        Path temp = dir.resolve(name + ".part");
        Files.write(temp, content);
        Files.move(temp, dir.resolve("inbox").resolve(name));
    }
}
