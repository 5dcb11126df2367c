package org.sisbridge.benchmark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.StudentPopulation;
import org.sisbridge.simulator.UpstreamSimulator;
import org.sisbridge.staging.SecretSource;

/**
 * Pushes an N-student roster from the outbox through the real routes to the in-process simulator
 * (batches of 500) into a fresh H2 file database, and prints students/second and the agent's own
 * CPU time per student: this process's CPU time minus the CPU time of the simulator's request
 * threads (which also decide every account), so JIT and GC are counted against the agent.
 */
public final class RosterBenchmark {

    private final Path home;
    private final int students;
    private final PrintStream out;
    private final boolean workbook;

    public RosterBenchmark(Path home, int students, PrintStream out) {
        this(home, students, "outbox", out);
    }

    /** @param format outbox (rows queued in the outbox table) or xlsx (a workbook dropped in the roster inbox) */
    public RosterBenchmark(Path home, int students, String format, PrintStream out) {
        this.home = home;
        this.students = students;
        this.out = out;
        this.workbook = "xlsx".equals(format);
    }

    public int run() throws Exception {
        if (workbook) {
            return new RosterWorkbookBenchmark(home, students, out).run();
        }
        Path database = home.resolve("data/benchmark/roster");
        Files.createDirectories(database.getParent());
        Files.deleteIfExists(Path.of(database + ".mv.db"));
        String jdbcUrl = "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE";
        SimulatorSettings settings = new SimulatorSettings();
        settings.existingAccounts = 5000;
        out.printf("Roster benchmark: %,d students (1 in 50 a duplicate by e-mail, 1 in 100 invalid), batches of 500,"
                + " H2 file database %s, max heap %s%n", students, database, HeapPeak.megabytes(Runtime.getRuntime().maxMemory()));
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings, 0);
             SisbridgeAgent agent = agent(home, settings, simulator, jdbcUrl)
                     // started by hand once the outbox is filled, so only the push is timed
                     .property("sisbridge.roster.enabled", false)
                     .build()) {
            agent.start();
            DataSource dataSource = agent.bean("stagingDataSource", DataSource.class);
            queue(dataSource, simulator.accounts().population());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long simulatorCpuBefore = simulatorCpu(threads);
            long processCpuBefore = processCpu();
            HeapPeak heap = HeapPeak.start();
            long started = System.nanoTime();
            agent.camelContext().getRouteController().startRoute("roster-push-poll");
            while (count(dataSource, "SELECT COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT')") > 0) {
                Thread.sleep(20);
            }
            long wallNanos = System.nanoTime() - started;
            heap.close();
            long simulatorCpu = simulatorCpu(threads) - simulatorCpuBefore;
            long agentCpu = processCpu() - processCpuBefore - simulatorCpu;
            long results = count(dataSource, "SELECT COUNT(*) FROM cccid_result");
            long rejected = count(dataSource, "SELECT COUNT(*) FROM cccid_request WHERE status = 'REJECTED'");
            out.printf("  settled %,d students (%,d results from upstream, %,d rejected locally or upstream) in %.2f s = %,.0f students/s%n",
                    students, results, rejected, wallNanos / 1e9, students / (wallNanos / 1e9));
            out.printf("  agent CPU time: %.2f s = %.1f µs per student (process CPU %.2f s minus simulator request threads %.2f s)%n",
                    agentCpu / 1e9, agentCpu / 1e3 / students, (agentCpu + simulatorCpu) / 1e9, simulatorCpu / 1e9);
            out.printf("  accounts created %,d, most for one student %d; peak live heap after GC (simulator included) %s%n",
                    simulator.accounts().accountsCreated(), simulator.accounts().mostAccountsForOneStudent(),
                    HeapPeak.megabytes(heap.peakLiveBytes()));
            return simulator.accounts().mostAccountsForOneStudent() <= 1 ? 0 : 1;
        }
    }

    /** The agent on the simulator and a fresh H2 file database, roster push on fast schedules. */
    static SisbridgeAgent.Builder agent(Path home, SimulatorSettings settings, UpstreamSimulator simulator, String jdbcUrl) {
        return SisbridgeAgent.builder(home)
                .property("sisbridge.watch.enabled", false) // a benchmark must not need, or take, the service's port
                .property("sisbridge.watch.staff-pages-enabled", false) // their routes need the endpoint the line above turns off
                .secrets(new SecretSource(Map.of("SISBRIDGE_CLIENT_SECRET", settings.clientSecret)))
                .property("sisbridge.upstream.base-url", simulator.baseUrl())
                .property("sisbridge.staging.jdbc-url", jdbcUrl)
                .property("sisbridge.events.enabled", false)
                .property("sisbridge.roster.poll-interval-ms", 200)
                .property("sisbridge.roster.initial-delay-ms", 0)
                .property("sisbridge.roster.max-batches-per-poll", 1_000_000)
                .property("sisbridge.roster.job-poll-initial-delay-ms", 5)
                .property("sisbridge.roster.job-poll-max-delay-ms", 100);
    }

    /** The SIS's part, not timed: PENDING rows, a few duplicates of seeded accounts and a few invalid. */
    private void queue(DataSource dataSource, StudentPopulation seeded) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO cccid_request"
                + " (mis_code, local_id, first_name, last_name, birth_date, email, phone, postal_code) VALUES ('111',?,?,?,?,?,?,?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < students; i++) {
                boolean duplicate = i % 50 == 7;
                SimulatedStudent twin = seeded.student(i % 5000);
                ps.setString(1, "S" + i);
                ps.setString(2, "Student");
                ps.setString(3, lastName(i));
                ps.setObject(4, i % 100 == 3 ? LocalDate.now().minusYears(2) : LocalDate.of(1990, 1, 1).plusDays(i % 7000));
                ps.setString(5, duplicate ? twin.email() : "s" + i + "@bench.example.edu");
                ps.setString(6, null);
                ps.setString(7, "95814");
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    /** A distinct letters-only last name per student (digits in names are rejected locally). */
    static String lastName(int i) {
        StringBuilder name = new StringBuilder("Q");
        do {
            name.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return name.toString();
    }

    private static long simulatorCpu(ThreadMXBean threads) {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("upstream-simulator-")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long count(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
