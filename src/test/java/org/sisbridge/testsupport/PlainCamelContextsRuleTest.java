package org.sisbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every plain CamelContext a test makes is set up as the agent's ({@link PlainCamelContexts}): one made
 * bare starts Camel JBang's CLI connector, found on the classpath, which keeps rewriting the fork JVM's
 * ~/.camel/&lt;pid&gt;-status.json and fills the console registry from its own thread. One such context
 * (PoolTimeoutLineTest) made CliConnectorTest's "off" case fail in a CI run.
 */
class PlainCamelContextsRuleTest {

    private static final Path TESTS = Path.of(System.getProperty("sisbridge.home", "."), "src/test/java");

    @Test
    void everyPlainContextOfTheTestsIsMadeAsTheAgentRunsIt() throws Exception {
        List<String> bare;
        try (Stream<Path> files = Files.walk(TESTS)) {
            bare = files.filter(f -> f.toString().endsWith(".java")).flatMap(PlainCamelContextsRuleTest::bareContexts).toList();
        }
        assertThat(bare).as("wrap them in PlainCamelContexts.asTheAgentRunsIt(...)").isEmpty();
    }

    private static Stream<String> bareContexts(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> lines.get(i).contains("new " + "DefaultCamelContext(") && !lines.get(i).contains("asTheAgentRunsIt("))
                    .mapToObj(i -> TESTS.relativize(file) + ":" + (i + 1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
