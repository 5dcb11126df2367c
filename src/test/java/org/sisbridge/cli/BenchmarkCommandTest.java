package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code sisbridge benchmark} on small volumes: each pipeline runs end to end against the
 * simulator and H2 and prints its figures (the README's measured numbers come from large runs of
 * the same command; nothing here is timed).
 */
class BenchmarkCommandTest {

    @ParameterizedTest(name = "benchmark {0}")
    @CsvSource({
            "events, --events, 3000, events/s",
            "reports, --rows, 5000, rows/s",
            "roster, --students, 600, students/s"})
    void eachPipelinePrintsItsFigures(String pipeline, String sizeOption, String size, String unit) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new SisbridgeCommand()).execute("benchmark", pipeline, sizeOption, size);
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        original.println(output);
        assertThat(exit).as(output).isZero();
        assertThat(output).containsPattern("[\\d,.]+ " + unit.replace("/", "/"));
        if (!pipeline.equals("roster")) {
            // half the volume goes through both sides first, untimed, so neither is timed while the JIT compiles
            assertThat(output).containsPattern("warm-up pass, not counted: " + String.format("%,d", Integer.parseInt(size) / 2)
                    + " (events|rows), pipeline [\\d,]+ \\w+/s, plain insert [\\d,]+ rows/s");
        }
    }
}
