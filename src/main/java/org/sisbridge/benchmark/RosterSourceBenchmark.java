package org.sisbridge.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.StudentPopulation;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.staging.SecretSource;

/**
 * {@code benchmark roster --from-source}: N students in Banner-like tables (made first, untimed) in a fresh
 * database (an H2 file, or a database of its own on a PostgreSQL or MariaDB server: {@link BenchmarkDatabase}), read by the shipped sample query (config/samples/roster-source-banner.sql) in one run
 * of the real roster-source route, queued in the outbox in committed chunks, pushed to the in-process
 * simulator (as the other roster benchmarks), settled into cccid_result and each CCCID written back into
 * GORADID by the shipped write-back sample (config/samples/write-back-banner.sql). Prints the rates of
 * source -> outbox, outbox -> cccid_result and the whole way (source -> CCCID in the SIS), the peak heap
 * (the query streams, so the heap stays flat however many students) and a count check: one GORADID row
 * per CCCID returned, no student with two.
 */
public final class RosterSourceBenchmark {

    private final Path home;
    private final int students;
    private final BenchmarkDatabase.Server server;
    private final PrintStream out;

    public RosterSourceBenchmark(Path home, int students, BenchmarkDatabase.Server server, PrintStream out) {
        this.home = home;
        this.students = students;
        this.server = server;
        this.out = out;
    }

    public int run() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.existingAccounts = 5000;
        // closed last: the server database is dropped once the agent has let go of it
        try (BenchmarkDatabase database = server.open("sisbridge_bench_roster_source", home.resolve("data/benchmark/roster-source"));
             UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0);
             SisbridgeAgent agent = RosterBenchmark.agent(home, settings, simulator, database.jdbcUrl())
                     .property("sisbridge.staging.username", database.user())
                     .secrets(new SecretSource(BenchmarkDatabase.secrets(settings.clientSecret)))
                     // both run by hand once the SIS tables are filled, so only the flow is timed
                     .property("sisbridge.roster.enabled", false)
                     .property("sisbridge.roster.source.enabled", false)
                     .property("sisbridge.roster.source.sql-file", "config/samples/roster-source-banner.sql")
                     .property("sisbridge.roster.source.max-students-per-run", students)
                     .property("sisbridge.roster.source.initial-delay-ms", 0)
                     .property("sisbridge.roster.source.poll-interval-ms", 3_600_000)
                     // each CCCID into the SIS as the shipped Banner sample does it, in the transaction recording the result
                     .property("sisbridge.roster.write-back.enabled", true)
                     .property("sisbridge.roster.write-back.sql-file", "config/samples/write-back-banner.sql")
                     .build()) {
            out.printf("Roster source benchmark: %,d students in Banner-like tables (1 in 50 a duplicate by e-mail, 1 in 100"
                    + " too young), the shipped Banner sample query and write-back, one run, chunks of 500, batches of 500,"
                    + " in-process simulator, %s, max heap %s%n", students, database.describe(),
                    HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));
            agent.start();
            DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
            BannerLikeSource.create(dataSource);
            fill(dataSource, simulator.accounts().population());
            BannerLikeSource.analyze(dataSource);
            HeapPeak heap = HeapPeak.start();
            long started = System.nanoTime();
            agent.camelContext().getRouteController().startRoute("roster-push-poll");
            // the one run of the real roster-source route, sent to it here rather than left to its hourly schedule, so
            // that the clock starts with the run itself
            ProducerTemplate template = agent.camelContext().createProducerTemplate();
            CompletableFuture<Exchange> sourceRun = CompletableFuture.supplyAsync(() -> template.send("direct:roster-source",
                    e -> e.setProperty("misCode", settings.misCodes.get(0))));
            while (RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_request") == 0 && !sourceRun.isDone()) {
                Thread.sleep(5);
            }
            long firstQueuedNanos = System.nanoTime() - started;
            Exception failure = sourceRun.join().getException(); // the run has committed every chunk when it returns
            long queuedNanos = System.nanoTime() - started;
            long entered = RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_source_student");
            if (failure != null || entered < students) {
                out.printf("  the source run queued %,d of %,d students: %s%n", entered, students,
                        failure == null ? "the query returned fewer" : failure);
                return 1;
            }
            // polled every 200 ms, through the indexes: a count every few milliseconds took a server a good part of a core
            String mis = "mis_code = '" + settings.misCodes.get(0) + "'";
            while (RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_request WHERE " + mis
                    + " AND status IN ('PENDING', 'SENT')") > 0) {
                Thread.sleep(200);
            }
            long settledNanos = System.nanoTime() - started;
            // a refused write-back stays PENDING and is tried again on the next roster run: the CCCID is in the SIS only after
            while (RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_result WHERE " + mis
                    + " AND write_back_status = 'PENDING'") > 0) {
                Thread.sleep(200);
            }
            long wallNanos = System.nanoTime() - started;
            heap.close();
            long queued = RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_request");
            long results = RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_result");
            long rejected = RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_request WHERE status = 'REJECTED'");
            WrittenBack written = WrittenBack.count(dataSource);
            out.printf("  source -> outbox: queued %,d students from the source query into the outbox in %.2f s = %,.0f students/s"
                    + " (the push running beside it)%n", queued, queuedNanos / 1e9, queued / (queuedNanos / 1e9));
            double pushSeconds = (settledNanos - firstQueuedNanos) / 1e9;
            out.printf("  outbox -> cccid_result: settled %,d students (%,d results from upstream, %,d rejected locally or upstream)"
                    + " in %.2f s after the first entered the outbox = %,.0f students/s%n", students, results, rejected, pushSeconds,
                    students / pushSeconds);
            out.printf("  whole way: %,d students from the source query to the CCCID written into the SIS (GORADID) in %.2f s"
                    + " = %,.0f students/s%n", students, wallNanos / 1e9, students / (wallNanos / 1e9));
            out.printf("  write-back: %s%n", written);
            out.printf("  accounts created %,d, most for one student %d; peak heap in use %s, peak live heap after GC %s"
                    + " (simulator included), max heap %s%n", simulator.accounts().accountsCreated(),
                    simulator.accounts().mostAccountsForOneStudent(), HeapPeak.megabytes(heap.peakUsedBytes()),
                    HeapPeak.megabytes(heap.peakLiveBytes()), HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));
            return queued == students && simulator.accounts().mostAccountsForOneStudent() <= 1 && written.ok() ? 0 : 1;
        }
    }

    /** The count check of the write-back: one GORADID row per CCCID returned, written once, none left behind. */
    private record WrittenBack(long cccids, long done, long failed, long goradidRows, long studentsWithTwo) {

        static WrittenBack count(DataSource dataSource) throws Exception {
            return new WrittenBack(
                    RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_result WHERE ccc_id IS NOT NULL"),
                    RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_result WHERE write_back_status = 'DONE'"),
                    RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM cccid_result WHERE write_back_status = 'FAILED'"),
                    RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM GORADID WHERE GORADID_ADID_CODE = 'CCID'"),
                    RosterBenchmark.count(dataSource, "SELECT COUNT(*) FROM (SELECT GORADID_PIDM FROM GORADID"
                            + " WHERE GORADID_ADID_CODE = 'CCID' GROUP BY GORADID_PIDM HAVING COUNT(*) > 1) twice"));
        }

        boolean ok() {
            return goradidRows == cccids && done == cccids && failed == 0 && studentsWithTwo == 0;
        }

        @Override
        public String toString() {
            return String.format("%,d CCCIDs returned, %,d GORADID rows, %,d write-backs DONE, %,d FAILED, %,d students with two"
                    + " GORADID rows: count check %s", cccids, goradidRows, done, failed, studentsWithTwo, ok() ? "OK" : "FAILED");
        }
    }

    /**
     * The SIS's part, not timed: each student a current name, birth date, preferred e-mail, mailing address, registration
     * and another additional id (GORADID, code EMPL).
     */
    private void fill(DataSource dataSource, StudentPopulation seeded) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement name = c.prepareStatement("INSERT INTO SPRIDEN VALUES (?, ?, ?, 'Student', NULL, NULL)");
             PreparedStatement person = c.prepareStatement("INSERT INTO SPBPERS VALUES (?, ?)");
             PreparedStatement email = c.prepareStatement("INSERT INTO GOREMAL VALUES (?, ?, 'Y', 'A')");
             PreparedStatement address = c.prepareStatement("INSERT INTO SPRADDR VALUES (?, 'MA', '95814', NULL, NULL)");
             PreparedStatement registration = c.prepareStatement("INSERT INTO SFRSTCR VALUES (?, '202610', 'RE')");
             // a live GORADID holds the college's other additional ids: analyzed empty, PostgreSQL would plan the write-back's
             // NOT EXISTS as a scan of the whole table, and each write-back would read every CCCID written before it
             PreparedStatement otherId = c.prepareStatement("INSERT INTO GORADID (GORADID_PIDM, GORADID_ADDITIONAL_ID,"
                     + " GORADID_ADID_CODE) VALUES (?, ?, 'EMPL')")) {
            c.setAutoCommit(false);
            List<PreparedStatement> all = List.of(name, person, email, address, registration, otherId);
            for (int i = 0; i < students; i++) {
                name.setInt(1, i);
                name.setString(2, String.format("B%08d", i));
                name.setString(3, RosterBenchmark.lastName(i));
                person.setInt(1, i);
                person.setDate(2, Date.valueOf(i % 100 == 3 ? LocalDate.now().minusYears(2) : LocalDate.of(1990, 1, 1).plusDays(i % 7000)));
                email.setInt(1, i);
                email.setString(2, i % 50 == 7 ? seeded.student(i % 5000).email() : "s" + i + "@bench.example.edu");
                address.setInt(1, i);
                registration.setInt(1, i);
                otherId.setInt(1, i);
                otherId.setString(2, String.format("E%08d", i));
                for (PreparedStatement ps : all) {
                    ps.addBatch();
                }
                if (i % 1000 == 999) {
                    for (PreparedStatement ps : all) {
                        ps.executeBatch();
                    }
                }
            }
            for (PreparedStatement ps : all) {
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
