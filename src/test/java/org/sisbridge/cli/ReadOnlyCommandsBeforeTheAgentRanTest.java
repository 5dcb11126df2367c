package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sisbridge.testsupport.Cli;
import org.sisbridge.testsupport.ClosedPort;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SiteConfig;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * {@code status} and {@code rejects list|show} on a staging database that is not ready: one line
 * saying what is missing and what to do, exit code 1, no stack trace, and nothing created.
 */
class ReadOnlyCommandsBeforeTheAgentRanTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "rejects list", "rejects show 1"})
    void anH2FileThatDoesNotExistIsNotCreated(String command) {
        TestDatabase db = TestDatabases.create(DatabaseKind.H2, "never-started");
        Path file = Path.of(db.jdbcUrl().substring("jdbc:h2:file:".length(), db.jdbcUrl().indexOf(';')) + ".mv.db");
        String config = new SiteConfig(db).write().toString();

        Cli.Result result = run(command, config);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).startsWith("There is no staging database at " + db.jdbcUrl())
                .contains("./sisbridge run", "./sisbridge migrate").doesNotContain("\tat ");
        assertThat(file).as("a read-only command must not leave an empty database behind").doesNotExist();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void aDatabaseWithoutTheAgentsTablesIsNamedAndMigrateMendsIt(DatabaseKind kind) throws Exception {
        TestDatabase db = TestDatabases.create(kind, "no-tables");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            c.createStatement().execute("CREATE TABLE college_own (id INT)"); // the database exists, with other tables
        }
        String config = new SiteConfig(db).write().toString();

        for (String command : new String[] {"status", "rejects list"}) {
            Cli.Result result = run(command, config);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).startsWith("The staging database " + db.jdbcUrl() + " has no sisbridge tables yet")
                    .contains("./sisbridge migrate").doesNotContain("\tat ");
            // only the line saying which configuration and database were read (issue 12)
            assertThat(result.out().lines()).singleElement().asString().startsWith("Configuration: ");
        }

        assertThat(Cli.run("migrate", "--config", config).exitCode()).isZero();
        Cli.Result after = Cli.run("status", "--config", config);
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).contains("(no flow has run yet)").doesNotContain("Not readable");
    }

    @Test
    void aServerThatDoesNotAnswerIsNamedWithWhatToCheck() throws Exception {
        int closedPort = ClosedPort.find();
        String url = ClosedPort.postgresUrl(closedPort);
        String config = new SiteConfig(TestDatabases.create(DatabaseKind.H2, "unused"))
                .set("sisbridge.staging.jdbc-url", url).set("sisbridge.staging.username", "postgres")
                .set("sisbridge.staging.database", "postgresql").write().toString();

        Cli.Result result = run("status", config);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).startsWith("Cannot reach the staging database " + url + " as user 'postgres'")
                .contains("Check sisbridge.staging.jdbc-url", "./sisbridge check").doesNotContain("\tat ");
    }

    private static Cli.Result run(String command, String config) {
        String[] words = command.split(" ");
        String[] args = new String[words.length + 2];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--config";
        args[words.length + 1] = config;
        return Cli.run(args);
    }
}
