package org.sisbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code mvn package} builds, unpacked as an administrator would, and its launcher run
 * as a real process: the distribution works without the source tree beside it.
 */
class DistributionArchiveIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    static Path installRoot;
    @TempDir
    static Path elsewhere;
    static Path archive;
    static Path home;
    static String version;

    @BeforeAll
    static void unpackTheArchive() throws Exception {
        try (Stream<Path> files = Files.list(PROJECT.resolve("target"))) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().matches("sisbridge-.+\\.tar\\.gz")).toList();
            assertThat(archives).as("the archive mvn package builds").hasSize(1);
            archive = archives.get(0);
        }
        // the system tar, so that file modes (bin/sisbridge executable) are what an install gets
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", installRoot.toString())
                .redirectErrorStream(true).start();
        String tarOutput = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(tar.exitValue()).as(tarOutput).isZero();
        try (Stream<Path> dirs = Files.list(installRoot)) {
            List<Path> top = dirs.toList();
            assertThat(top).as("one top directory").hasSize(1);
            home = top.get(0);
        }
        String name = home.getFileName().toString();
        assertThat(archive.getFileName().toString()).isEqualTo(name + ".tar.gz");
        version = name.substring("sisbridge-".length());
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run help = launch(Map.of(), "--help");
        assertThat(help.exitCode).isZero();
        // usage names the launcher as it was run (issue 12)
        assertThat(help.output).contains("Usage: " + home.resolve("bin/sisbridge"), "run", "demo", "simulator", "benchmark");
    }

    @Test
    void versionIsTheArchiveVersion() throws Exception {
        Run run = launch(Map.of(), "--version");
        assertThat(run.exitCode).isZero();
        assertThat(run.output.strip()).isEqualTo("sisbridge " + version);
    }

    @Test
    void theCommandsExitCodeReachesTheCaller() throws Exception {
        Run run = launch(Map.of(), "no-such-command");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.output).contains("Unmatched argument", "no-such-command");
    }

    @Test
    void theHeapIsCappedAt256MbWithTheParallelCollectorAndJavaOptsIsAddedAfter() throws Exception {
        Run byDefault = launch(Map.of("JAVA_OPTS", "-XshowSettings:vm -XX:+PrintCommandLineFlags"), "--version");
        assertThat(byDefault.exitCode).isZero();
        assertThat(byDefault.output).contains("Max. Heap Size: 256.00M").contains("-XX:+UseParallelGC")
                .contains("sisbridge " + version);
        // a JVM out of memory exits (so that the service manager restarts it) instead of lingering half-alive
        assertThat(byDefault.output).contains("-XX:+ExitOnOutOfMemoryError");

        // a collector named in JAVA_OPTS replaces the default (two would stop the JVM)
        Run g1 = launch(Map.of("JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"), "--version");
        assertThat(g1.exitCode).as(g1.output).isZero();
        assertThat(g1.output).contains("-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError").doesNotContain("-XX:+UseParallelGC");
        // only an option that selects a collector counts, not any option that mentions GC
        Run other = launch(Map.of("JAVA_OPTS", "-XX:+UseCompressedOops -XX:+DisableExplicitGC -XX:+PrintCommandLineFlags"), "--version");
        assertThat(other.output).contains("-XX:+UseParallelGC", "-XX:+DisableExplicitGC");

        Run raised = launch(Map.of("JAVA_OPTS", "-XshowSettings:vm -Xmx300m"), "--version");
        assertThat(raised.output).contains("Max. Heap Size: 300.00M");
    }

    @Test
    void runReadsTheInstalledConfigurationWithTheSiteOverrideFileOnTop() throws Exception {
        // a site file with a wrong MIS code: the agent must read it over config/ and refuse to start
        Path site = Files.writeString(elsewhere.resolve("site.properties"),
                "sisbridge.mis-codes = XYZW\nsisbridge.staging.jdbc-url = jdbc:h2:file:" + elsewhere.resolve("db") + "\n");
        Run run = launch(Map.of("SISBRIDGE_CLIENT_SECRET", "not-used"), "run", "--config", site.toString());
        assertThat(run.exitCode).as("an invalid configuration").isEqualTo(2);
        assertThat(run.output).contains("sisbridge.mis-codes 'XYZW' is not a MIS code")
                .doesNotContain("no configuration at");
        // the first line names what was read; the advice names the installed launcher (issue 12)
        assertThat(run.output).contains("Configuration: " + home.resolve("config/application.properties") + " overridden by "
                + site + " (--config)").contains("run " + home.resolve("bin/sisbridge") + " check for every problem");
    }

    @Test
    void theArchiveHoldsEveryPartOfAnInstall() throws Exception {
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/sisbridge"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(home.resolve("bin/sisbridge.cmd")).isRegularFile();
        assertThat(home.resolve("README.md")).hasSameTextualContentAs(PROJECT.resolve("README.md"));
        // the docs pages the README links to ship with it, as in the repository
        assertThat(listing(home.resolve("docs"))).isEqualTo(listing(PROJECT.resolve("docs"))).contains("operations.md");
        for (String page : listing(PROJECT.resolve("docs"))) {
            assertThat(home.resolve("docs/" + page)).hasSameTextualContentAs(PROJECT.resolve("docs/" + page));
        }
        assertThat(home.resolve("lib/sisbridge.jar")).isRegularFile();
        assertThat(listing(home.resolve("lib"))).anyMatch(jar -> jar.startsWith("camel-main-"))
                .anyMatch(jar -> jar.startsWith("picocli-")).noneMatch(jar -> jar.startsWith("junit-"));

        // configuration and routes exactly as in the repository: every key with its comment
        assertThat(listing(home.resolve("config"))).isEqualTo(listing(PROJECT.resolve("config")));
        assertThat(listing(home.resolve("config/mappings"))).isEqualTo(listing(PROJECT.resolve("config/mappings")));
        assertThat(home.resolve("config/application.properties"))
                .hasSameTextualContentAs(PROJECT.resolve("config/application.properties"));
        assertThat(Files.readString(home.resolve("config/application.properties"))).contains("# Base URL of the upstream API");
        for (String route : listing(PROJECT.resolve("routes"))) {
            assertThat(home.resolve("routes/" + route)).hasSameTextualContentAs(PROJECT.resolve("routes/" + route));
        }

        String unit = Files.readString(home.resolve("service/sisbridge.service"));
        assertThat(unit).contains("User=sisbridge", "WorkingDirectory=/opt/sisbridge", "EnvironmentFile=/etc/sisbridge/sisbridge.env",
                "ExecStart=/opt/sisbridge/bin/sisbridge run", "Restart=on-failure", "RestartPreventExitStatus=2", "KillSignal=SIGTERM", "TimeoutStopSec=", "0600");
        assertThat(home.resolve("service/sisbridge.env")).isRegularFile();
        assertThat(Files.readString(home.resolve("service/sisbridge-service.xml")))
                .contains("<id>sisbridge</id>", "org.sisbridge.cli.SisbridgeCommand run", "<stoptimeout>", "<onfailure action=\"restart\"",
                        "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theZipHoldsTheSameFilesWithWindowsLineEndsForTheWindowsLauncher() throws Exception {
        Path zip = archive.resolveSibling(home.getFileName() + ".zip");
        Set<String> zipEntries = new TreeSet<>();
        String cmd;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().filter(e -> !e.isDirectory()).forEach(e -> zipEntries.add(e.getName()));
            cmd = new String(z.getInputStream(z.getEntry(home.getFileName() + "/bin/sisbridge.cmd")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        Set<String> tarFiles;
        try (Stream<Path> walk = Files.walk(installRoot)) {
            tarFiles = walk.filter(Files::isRegularFile).map(f -> installRoot.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.contains("/data/")) // written by the run test above, not shipped
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(zipEntries).isEqualTo(tarFiles);
        assertThat(cmd).contains("\r\n").contains("org.sisbridge.cli.SisbridgeCommand %*").contains("exit /b %ERRORLEVEL%");
    }

    /** Runs bin/sisbridge from another directory, with JAVA_HOME set to this JVM's runtime. */
    private static Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/sisbridge").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("SISBRIDGE_CLIENT_SECRET");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("launcher ended").isTrue();
        return new Run(process.exitValue(), output);
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private record Run(int exitCode, String output) { }
}
