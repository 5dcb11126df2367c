package org.sisbridge.benchmark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.sql.DataSource;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.UpstreamSimulator;

/**
 * {@code benchmark roster --format xlsx}: an N-student workbook (made first, untimed) dropped in
 * the roster inbox, through the real drop-folder route (streamed into the outbox), the push to the
 * in-process simulator and the results CSV and workbook, into a fresh H2 file database. Prints the
 * load rate, the end-to-end rate and the peak heap: the workbook is read streaming, so the heap
 * stays flat however many rows it has (the launcher's 256 MB cap is the figure to compare with).
 */
final class RosterWorkbookBenchmark {

    private final Path home;
    private final int students;
    private final PrintStream out;

    RosterWorkbookBenchmark(Path home, int students, PrintStream out) {
        this.home = home;
        this.students = students;
        this.out = out;
    }

    int run() throws Exception {
        Path work = home.resolve("data/benchmark/roster-xlsx");
        Path database = work.resolve("roster");
        deleteTree(work);
        Files.createDirectories(work);
        String jdbcUrl = "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE";
        SimulatorSettings settings = new SimulatorSettings();
        settings.existingAccounts = 5000;
        out.printf("Roster workbook benchmark: %,d students in one .xlsx dropped in the roster inbox (1 in 50 a duplicate"
                + " by e-mail, 1 in 100 invalid), batches of 500, H2 file database %s, max heap %s%n", students, database,
                HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0);
             SisbridgeAgent agent = RosterBenchmark.agent(home, settings, simulator, jdbcUrl)
                     .property("sisbridge.roster.inbox", work.resolve("inbox"))
                     .property("sisbridge.roster.outbox", work.resolve("outbox"))
                     .property("sisbridge.roster.inbox-poll-interval-ms", 100)
                     .property("sisbridge.roster.inbox-settle-ms", 50)
                     .build()) {
            Path made = BenchmarkRosterWorkbook.write(work.resolve("made/roster.xlsx"), students, simulator.accounts().population());
            out.printf("  workbook made (untimed): %,d bytes%n", Files.size(made));
            agent.start();
            DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
            Files.createDirectories(work.resolve("inbox"));
            HeapPeak heap = HeapPeak.start();
            long started = System.nanoTime();
            Files.move(made, work.resolve("inbox/roster.xlsx"), StandardCopyOption.ATOMIC_MOVE);
            while (RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_roster_file") == 0) {
                Thread.sleep(20);
            }
            long loadedNanos = System.nanoTime() - started;
            Path results = work.resolve("outbox/roster-results.xlsx");
            while (!Files.exists(results)) {
                Thread.sleep(20);
            }
            long wallNanos = System.nanoTime() - started;
            heap.close();
            long rows = RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_request");
            out.printf("  loaded %,d rows into the outbox in %.2f s = %,.0f students/s (drop-folder scan and settle time included)%n",
                    rows, loadedNanos / 1e9, rows / (loadedNanos / 1e9));
            out.printf("  settled %,d students and wrote the results CSV and workbook in %.2f s = %,.0f students/s%n",
                    students, wallNanos / 1e9, students / (wallNanos / 1e9));
            out.printf("  peak heap in use %s, peak live heap after GC %s (simulator included), max heap %s%n",
                    HeapPeak.megabytes(heap.peakUsedBytes()), HeapPeak.megabytes(heap.peakLiveBytes()),
                    HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));
            return rows == students && simulator.accounts().mostAccountsForOneStudent() <= 1 ? 0 : 1;
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
