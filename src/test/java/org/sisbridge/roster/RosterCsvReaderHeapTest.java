package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bound at real scale, once: a 150 MB single-line roster (the reproduction that ran out of
 * memory) read in a child JVM of 32 MB heap, which could not hold the line even once.
 */
class RosterCsvReaderHeapTest {

    @TempDir
    Path dir;

    @Test
    void a150MegabyteLineIsReadInA32MegabyteHeap() throws Exception {
        Path file = dir.resolve("one-line.csv");
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            // unquoted: a quote never closed refuses the file at the cap (RosterCsvReaderBoundsTest)
            out.write("local_id,first_name,last_name,birth_date,email\nS1,");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'x');
            for (long written = 0; written < 150L * 1024 * 1024; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\nS2,Ana,Lopez,2000-01-01,s2@college.example.edu\n");
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                RosterCsvReaderHeapTest.class.getName(), file.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("records=3 tooLong=1 last=S2");
    }

    /** The child: reads the file with the agent's default cap and prints what it saw. */
    public static void main(String[] args) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            RosterCsvReader csv = new RosterCsvReader(in);
            int records = 0;
            int tooLong = 0;
            String last = null;
            for (RosterCsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                records++;
                tooLong += r.tooLong() ? 1 : 0;
                last = r.fields().isEmpty() ? null : r.fields().get(0);
            }
            System.out.println("records=" + records + " tooLong=" + tooLong + " last=" + last);
        }
    }
}
