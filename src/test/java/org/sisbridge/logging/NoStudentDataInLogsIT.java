package org.sisbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sisbridge.roster.RosterFixtureStudents;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.StudentPopulation;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.StudentData;

/**
 * Runs after the whole surefire suite (failsafe, {@code mvn verify}) and reads every log file the
 * suite wrote under target/test-logs/, its own and its child processes': no line may hold a name,
 * e-mail address or birth date of the simulator's students or of the roster fixtures.
 */
class NoStudentDataInLogsIT {

    private static final Path LOGS = AgentFixture.HOME.resolve("target/test-logs");

    @Test
    void noLogLineOfTheSuiteCarriesStudentData() throws IOException {
        SimulatorSettings defaults = new SimulatorSettings();
        StudentData students = new StudentData()
                .population(defaults.seed, 20_000)
                .population(7, 2_000)
                .population(8, 2_000)
                .students(RosterFixtureStudents.all(new StudentPopulation(defaults.seed, defaults.existingAccounts)));

        List<Path> files;
        try (Stream<Path> walk = Files.walk(LOGS)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).as("log files under " + LOGS).isNotEmpty();
        // the test JVMs' own logs (one per surefire fork, pom.xml), not only the child processes' and fixtures'
        List<Path> suiteLogs = files.stream().filter(file -> file.getFileName().toString().startsWith("sisbridge-test")).toList();
        assertThat(suiteLogs).as("the suite's own logs under " + LOGS).isNotEmpty()
                .allSatisfy(file -> assertThat(file).isNotEmptyFile());

        long lines = 0;
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    number++;
                    Optional<String> found = students.findIn(line);
                    if (found.isPresent() && leaks.size() < 50) {
                        leaks.add(LOGS.relativize(file) + ":" + number + ": " + found.get() + " in: " + line);
                    }
                }
                lines += number;
            }
        }
        assertThat(lines).as("lines in " + files.size() + " log files").isPositive();
        assertThat(leaks).as("log lines with student data").isEmpty();
    }
}
