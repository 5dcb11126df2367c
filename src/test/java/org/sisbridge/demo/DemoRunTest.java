package org.sisbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.StudentPopulation;
import org.sisbridge.simulator.EventFeed;
import org.slf4j.LoggerFactory;

/**
 * The README's first command, end to end: the demo runs every flow against the simulator with
 * every kind of bad input, its summary tells the truth about the database, and nothing it logs
 * carries a student's name, e-mail or birth date.
 */
class DemoRunTest {

    @TempDir
    Path home;

    @Test
    void theDemoSummaryMatchesTheDatabaseAndTheLogsCarryNoStudentData() throws Exception {
        Path project = Path.of(System.getProperty("sisbridge.home", ".")).toAbsolutePath();
        Files.createSymbolicLink(home.resolve("config"), project.resolve("config"));
        Files.createSymbolicLink(home.resolve("routes"), project.resolve("routes"));
        Files.createDirectories(home.resolve("target"));
        Files.createSymbolicLink(home.resolve("target/lib"), project.resolve("target/lib"));

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SimulatorSettings settings = SimulatorSettings.demo();
        settings.eventsPerMisCode = 1200;
        int exit;
        try {
            exit = new DemoRun(home, settings, Duration.ofMinutes(3), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        } finally {
            root.detachAppender(logs);
        }
        String summary = printed.toString(StandardCharsets.UTF_8);

        assertThat(exit).isZero();
        long stored;
        long rejected;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + DemoRun.databaseFile(home), "sa", "");
             Statement s = c.createStatement()) {
            stored = single(s, "SELECT COUNT(*) FROM idme_status_event");
            rejected = single(s, "SELECT COUNT(*) FROM sisbridge_reject WHERE source = 'idme-events'");
        }
        assertThat(stored).isPositive();
        assertThat(summary).containsPattern("Stored in idme_status_event\\s+" + String.format("%,d", stored));
        assertThat(summary).containsPattern("Rejected to sisbridge_reject\\s+" + String.format("%,d", rejected));
        assertThat(summary).contains("INVALID_CCCID", "PAYLOAD_NOT_JSON", "FIELD_TOO_LONG", "MIS_CODE_NOT_CONFIGURED");
        assertThat(summary).contains("Where the data is");
        assertThat(summary).containsPattern("Status page: +http://127\\.0\\.0\\.1:\\d+/status");

        List<String> lines = new ArrayList<>();
        logs.list.forEach(e -> lines.add(e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())));
        assertThat(lines).isNotEmpty();
        String allLogs = String.join("\n", lines);
        StudentPopulation population = new EventFeed(settings).population();
        int checked = 0;
        for (long s = 0; s < population.size(); s++) {
            SimulatedStudent student = population.student(s);
            assertThat(allLogs).doesNotContain(student.email());
            assertThat(allLogs).doesNotContain(population.birthDate(s).toString());
            for (String name : List.of(student.firstName(), student.lastName())) {
                if (name.length() >= 5) {
                    assertThat(Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(allLogs).find())
                            .as("a student's name in the logs").isFalse();
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
