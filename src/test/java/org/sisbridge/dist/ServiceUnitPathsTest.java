package org.sisbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.testsupport.AgentFixture;

/**
 * Issue 12, section 6: the systemd unit lets the service user write where the agent writes, and
 * nowhere else. Reproduced: ReadWritePaths named data/, inbox/ and outbox/, while config/logback.xml
 * writes logs/ under the install, which ProtectSystem=strict left read-only. The write paths are
 * read from the unit and checked against the shipped defaults (application.properties and
 * logback.xml), and the unit is given to {@code systemd-analyze verify} where there is one.
 */
class ServiceUnitPathsTest {

    private static final Path UNIT = AgentFixture.HOME.resolve("src/dist/service/sisbridge.service");
    /** The keys whose shipped default is a folder (or an H2 file) the agent writes under its home. */
    private static final List<String> WRITTEN_KEYS = List.of("sisbridge.staging.jdbc-url", "sisbridge.reports.download-folder",
            "sisbridge.reports.inbox", "sisbridge.roster.inbox", "sisbridge.roster.outbox");

    @Test
    void theUnitsWritePathsHoldEveryFolderTheAgentWritesByDefault() throws IOException {
        String unit = Files.readString(UNIT, StandardCharsets.UTF_8);
        Path home = Path.of(setting(unit, "WorkingDirectory"));
        List<Path> writable = Arrays.stream(setting(unit, "ReadWritePaths").split("\\s+"))
                .map(p -> Path.of(p.startsWith("-") ? p.substring(1) : p)).toList();

        List<Path> written = new ArrayList<>();
        Properties defaults = new Properties();
        try (var in = Files.newBufferedReader(AgentFixture.HOME.resolve("config/application.properties"), StandardCharsets.ISO_8859_1)) {
            defaults.load(in);
        }
        for (String key : WRITTEN_KEYS) {
            String value = defaults.getProperty(key).trim().replace("{{sisbridge.home}}", home.toString());
            written.add(Path.of(value.replaceFirst("^jdbc:h2:file:", "").split(";", 2)[0]));
        }
        written.add(logDirectory(home));

        for (Path path : written) {
            assertThat(writable).as("a ReadWritePaths entry holding %s", path).anyMatch(path::startsWith);
        }
        // and the install steps in the unit's head create each of them for the service user
        String createLine = unit.lines().filter(l -> l.contains("install -d -o sisbridge")).findFirst().orElseThrow();
        writable.forEach(w -> assertThat(createLine).contains(w.toString()));
    }

    /** The folder config/logback.xml writes its file to when neither sisbridge.log.dir nor SISBRIDGE_LOG_DIR is set. */
    private static Path logDirectory(Path home) throws IOException {
        String logback = Files.readString(AgentFixture.HOME.resolve("config/logback.xml"), StandardCharsets.UTF_8);
        Matcher property = Pattern.compile("<property name=\"LOG_DIR\" value=\"([^\"]+)\"").matcher(logback);
        assertThat(property.find()).as("LOG_DIR in config/logback.xml").isTrue();
        String value = property.group(1);
        // ${a:-${b:-${sisbridge.home:-.}/logs}}: nothing set but sisbridge.home, the launcher's
        Matcher innermost = Pattern.compile("\\$\\{([a-zA-Z_.]+):-([^${}]*)}").matcher(value);
        while (innermost.find()) {
            String replacement = innermost.group(1).equals("sisbridge.home") ? home.toString() : innermost.group(2);
            value = value.substring(0, innermost.start()) + replacement + value.substring(innermost.end());
            innermost = Pattern.compile("\\$\\{([a-zA-Z_.]+):-([^${}]*)}").matcher(value);
        }
        assertThat(value).doesNotContain("${");
        return Path.of(value);
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit(@TempDir Path install) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not on this machine: the unit is not verified here");
        // verify wants ExecStart's program to exist: the unit as installed into a temporary /opt/sisbridge
        Files.createDirectories(install.resolve("bin"));
        Path launcher = Files.copy(AgentFixture.HOME.resolve("src/dist/bin/sisbridge"), install.resolve("bin/sisbridge"));
        launcher.toFile().setExecutable(true);
        Path unit = install.resolve("sisbridge.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/opt/sisbridge", install.toString()));

        Process verify = new ProcessBuilder(analyze.toString(), "verify", "--man=no", unit.toString()).redirectErrorStream(true).start();
        boolean ended = verify.waitFor(60, TimeUnit.SECONDS);
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            verify.destroyForcibly();
        }
        Assumptions.assumeTrue(ended, "systemd-analyze verify did not answer within 60 s: the unit is not verified here");
        Assumptions.assumeFalse(output.contains("Failed to") && !output.contains("sisbridge.service"),
                "systemd-analyze cannot run here (" + output.strip() + ")");
        assertThat(verify.exitValue()).as(output).isZero();
        // a warning about the unit (a path that is not absolute, an unknown setting) is a failure too
        assertThat(output).as(output).doesNotContain("sisbridge.service:");
    }

    private static String setting(String unit, String name) {
        return unit.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1).trim()).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + UNIT));
    }
}
