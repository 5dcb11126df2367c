package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sisbridge.benchmark.BenchmarkTable;
import picocli.CommandLine;

/**
 * {@code sisbridge benchmark} on small volumes: each pipeline runs end to end against the
 * simulator and H2 and prints its figures (the measured numbers in docs/reliability-and-limits.md come from large runs of
 * the same command; nothing here is timed).
 */
class BenchmarkCommandTest {

    @ParameterizedTest(name = "benchmark {0}")
    @CsvSource({
            "events, --events, 3000, events/s",
            "reports, --rows, 5000, rows/s",
            "roster, --students, 600, students/s"})
    void eachPipelinePrintsItsFigures(String pipeline, String sizeOption, String size, String unit) {
        // one timed run: the runs and their min / median / max are the next test's
        String output = run("benchmark", pipeline, sizeOption, size, "--runs", "1");
        assertThat(output).containsPattern("[\\d,.]+ " + unit.replace("/", "/"));
        if (!pipeline.equals("roster")) {
            // half the volume goes through both sides first, untimed, so neither is timed while the JIT compiles; twice, each
            // with an agent of its own, as the first agent started after a warm-up makes the JIT recompile
            for (int pass = 1; pass <= 2; pass++) {
                assertThat(output).containsPattern("warm-up pass " + pass + " of 2, not counted: "
                        + String.format("%,d", Integer.parseInt(size) / 2)
                        + " (events|rows), pipeline [\\d,]+ \\w+/s, plain insert [\\d,]+ rows/s");
            }
            assertThat(output).doesNotContain("warm-up pass 3");
            // the figures say how the rows committed: a report load on two connections by turns, events on H2 on one (auto)
            assertThat(output).contains("on " + (pipeline.equals("reports") ? 2 : 1) + " writer connection(s) (sisbridge."
                    + pipeline + ".writer-connections)");
        }
    }

    @Test
    void runsGiveEachFigureAsMinMedianMaxWithTheSimulatorInAJvmOfItsOwn() {
        String output = run("benchmark", "events", "--events", "2000", "--warmup", "0", "--runs", "2");
        assertThat(output).contains("simulator in a JVM of its own").contains("run 1 of 2").contains("run 2 of 2")
                // the runs take turns at writing first, and both still stage every event
                .containsPattern("run 1 of 2, .*the pipeline first, then the yardsticks")
                .containsPattern("run 2 of 2, .*the yardsticks first, then the pipeline")
                .doesNotContain("pipeline end to end (HTTP + JSON + validation + staging): 0 rows")
                .contains("over 2 timed runs, min / median / max:")
                .containsPattern("pipeline [\\d,]+ / [\\d,]+ / [\\d,]+ events/s; plain batch insert [\\d,]+ / [\\d,]+ / [\\d,]+ rows/s")
                .containsPattern("pipeline / plain insert [\\d.]+ / [\\d.]+ / [\\d.]+ \\(goal: median at least 0.90\\)");
    }

    /**
     * A college's layout: the agent stages into the layout's tables (made from its DDL, manage-schema=false) and
     * the yardsticks write the same rows into a copy of them. The command exits 0 only if every row reached
     * the layout's table ({@code run} checks that). Each layout once per pipeline, each pipeline on H2 and on
     * PostgreSQL (with its COPY yardstick): small, the suite stays fast.
     */
    @ParameterizedTest(name = "benchmark {0} --layout {1} --database {3}")
    @CsvSource({
            "events, peoplesoft, CCTC_EVENT_STG, h2",
            "events, banner, SZREVNT, postgresql",
            "reports, peoplesoft, CCTC_IDME_CHANGE_STG, postgresql",
            "reports, banner, SZRIDME, h2"})
    void aCollegesLayoutIsStagedIntoAndMeasuredAgainstACopyOfItsTable(String pipeline, String layout, String table,
                                                                    String database) {
        String output = run("benchmark", pipeline, pipeline.equals("events") ? "--events" : "--rows", "1000",
                "--layout", layout, "--database", database, "--warmup", "0", "--runs", "1", "--simulator", "in-process");
        assertThat(output).contains("staging layout: " + layout + " (config/mappings/" + layout + ".yaml; " + table
                        + ", made first from the layout's DDL, the agent on it with manage-schema=false)")
                .containsPattern("pipeline [^\\n]*: 1,000 rows in [\\d.]+ s")
                .containsPattern("plain JDBC batch insert of the same [^\\n]*: +1,000 rows in [\\d.]+ s")
                .containsPattern("pipeline / plain insert [\\d.]+ / [\\d.]+ / [\\d.]+ \\(goal: median at least 0.90\\)");
        if (database.equals("postgresql")) {
            assertThat(output).containsPattern("PostgreSQL COPY FROM STDIN of the same [^\\n]*: +1,000 rows in [\\d.]+ s")
                    .containsPattern("pipeline / COPY [\\d.]+ / [\\d.]+ / [\\d.]+ \\(goal: median at least 0.80\\)");
        }
    }

    @Test
    void aLayoutNotShippedIsRefusedWithTheOnesThatAre() {
        PrintStream original = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new SisbridgeCommand()).execute("benchmark", "events", "--layout", "oracle");
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Unknown layout 'oracle'; available: generic, peoplesoft, banner");
    }

    @Test
    void theTableCommandWritesTheDocsTableBetweenItsMarkersWithDateAndMachine(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("page.md");
        Path readme = dir.resolve("README.md");
        Files.writeString(page, "# Page\n\n" + BenchmarkTable.BEGIN + "\nold table\n" + BenchmarkTable.END + "\n\nafter\n");
        Files.writeString(readme, "# Readme\n" + BenchmarkTable.BEGIN + "\nolder\n" + BenchmarkTable.END + "\n");
        run("benchmark", "table", "--databases", "h2", "--events", "1000", "--rows", "1000", "--runs", "1", "--warmup-passes", "0",
                "--simulator", "in-process", "--layout", "generic,banner", "--doc", page + "," + readme);
        String written = Files.readString(page);
        // both pages carry the same table
        String table = written.substring(written.indexOf(BenchmarkTable.BEGIN), written.indexOf(BenchmarkTable.END));
        assertThat(Files.readString(readme)).isEqualTo("# Readme\n" + table + BenchmarkTable.END + "\n");
        assertThat(written).startsWith("# Page").endsWith("\n\nafter\n").doesNotContain("old table")
                .containsPattern("\\|\\n" + java.util.regex.Pattern.quote(BenchmarkTable.END)) // the end marker on a line of its own
                .containsPattern("Measured \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} .* \\d+ cores, .*Java 17")
                .contains("H2 2.")
                .contains("1 timed run(s) each without a warm-up") // none: the suite stays fast
                .containsPattern("\\| events \\| H2 [\\d.]+ \\| [\\d,]+ / [\\d,]+ / [\\d,]+ \\|")
                .containsPattern("\\| reports \\| H2 [\\d.]+ \\|")
                // a line per layout, a college's saying which
                .contains("Layouts: generic, banner;")
                .containsPattern("\\| events \\(banner\\) \\| H2 [\\d.]+ \\| [\\d,]+ / [\\d,]+ / [\\d,]+ \\|")
                .containsPattern("\\| reports \\(banner\\) \\| H2 [\\d.]+ \\|");
    }

    @Test
    void aRosterWorkbookBenchmarkPrintsStudentsPerSecondAndThePeakHeap() {
        String output = run("benchmark", "roster", "--format", "xlsx", "--students", "700");
        assertThat(output).containsPattern("loaded 700 rows into the outbox in [\\d.]+ s = [\\d,]+ students/s")
                .containsPattern("settled 700 students and wrote the results CSV and workbook in [\\d.]+ s = [\\d,]+ students/s")
                .containsPattern("peak heap in use \\d+ MB, peak live heap after GC \\d+ MB");
    }

    @Test
    void aRosterSourceBenchmarkPrintsStudentsPerSecondAndThePeakHeap() {
        String output = run("benchmark", "roster", "--from-source", "--students", "400");
        assertThat(output).containsPattern("source -> outbox: queued 400 students from the source query into the outbox in [\\d.]+ s"
                        + " = [\\d,]+ students/s")
                .containsPattern("outbox -> cccid_result: settled 400 students \\(\\d+ results from upstream, \\d+ rejected locally or"
                        + " upstream\\) in [\\d.]+ s after the first entered the outbox = [\\d,]+ students/s")
                .containsPattern("whole way: 400 students from the source query to the CCCID written into the SIS \\(GORADID\\) in"
                        + " [\\d.]+ s = [\\d,]+ students/s")
                // the 4 too young never reach upstream; every other student's CCCID is in GORADID once
                .containsPattern("write-back: ([1-9]\\d*) CCCIDs returned, \\1 GORADID rows, \\1 write-backs DONE, 0 FAILED, 0 students with"
                        + " two GORADID rows: count check OK")
                .contains("accounts created").contains("most for one student 1;")
                .containsPattern("peak heap in use \\d+ MB, peak live heap after GC \\d+ MB");
    }

    /** Runs the command, printing its output, and returns it; fails unless it exits 0. */
    private static String run(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new SisbridgeCommand()).execute(args);
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        original.println(output);
        assertThat(exit).as(output).isZero();
        return output;
    }
}
