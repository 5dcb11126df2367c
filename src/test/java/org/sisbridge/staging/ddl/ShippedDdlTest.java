package org.sisbridge.staging.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.Cli;

/**
 * The DDL shipped under config/mappings/ddl for each example mapping and database is exactly what
 * {@code sisbridge migrate --print --database DB} prints with that mapping (every flow on, as shipped).
 * To regenerate the files after a change to the dictionary, a dialect or a mapping:
 * {@code mvn -q test -Dtest=ShippedDdlTest -Dsisbridge.ddl.regenerate=true}, then review the diff.
 */
class ShippedDdlTest {

    static final Path DDL = AgentFixture.HOME.resolve("config/mappings/ddl");

    @TempDir
    Path dir;

    static Stream<Arguments> shipped() {
        return Stream.of("peoplesoft", "banner", "generic").flatMap(mapping ->
                Stream.of("postgresql", "mariadb", "sqlserver", "oracle").map(db -> Arguments.of(mapping, db)));
    }

    /** What the command prints for this mapping and database. */
    static String printed(Path dir, String mapping, String database) throws Exception {
        Path config = Files.writeString(dir.resolve(mapping + ".properties"), "sisbridge.staging.mapping = "
                + AgentFixture.HOME.resolve("config/mappings/" + mapping + ".yaml").toString().replace('\\', '/') + "\n");
        Cli.Result result = Cli.run("migrate", "--print", "--database", database, "--config", config.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("shipped")
    void theShippedFileIsWhatMigratePrintPrints(String mapping, String database) throws Exception {
        String printed = printed(dir, mapping, database);
        Path file = DDL.resolve(mapping + "." + database + ".sql");
        if (Boolean.getBoolean("sisbridge.ddl.regenerate")) {
            Files.writeString(file, printed);
        }
        assertThat(file).as("regenerate with -Dsisbridge.ddl.regenerate=true (see the class comment)").exists();
        assertThat(Files.readString(file)).isEqualTo(printed);
    }
}
