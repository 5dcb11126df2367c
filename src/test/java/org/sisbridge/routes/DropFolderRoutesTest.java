package org.sisbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;
import org.sisbridge.dropfolder.DropFolderGuard;
import org.sisbridge.reports.ReportLoadStoppedException;
import org.sisbridge.reports.ReportsBeans;
import org.sisbridge.roster.RosterBeans;
import org.sisbridge.roster.RosterFileLoader;

/**
 * routes/roster-drop.yaml, routes/idme-status-report-drop.yaml and their error policy,
 * routes/staging-errors.yaml: real folders under target/, the loaders stubbed. A database failure is
 * one recorded failure (the status page's state), never a retry; a report file then stays in the inbox.
 */
class DropFolderRoutesTest extends YamlRouteTestSupport {

    /** A minute, as shipped: a file that looks unfinished is not read within a test unless its time says so. */
    private static final long UNFINISHED_WAIT_MS = 60_000;

    private Path root;
    private final StubLoaders loaders = new StubLoaders();

    /** This test's folders (asked for while CamelTestSupport constructs, before field initializers run). */
    private Path root() {
        if (root == null) {
            root = home().resolve("target/route-tests/" + UUID.randomUUID());
        }
        return root;
    }

    @Override
    protected List<String> routeFiles() {
        return List.of("staging-errors.yaml", "roster-drop.yaml", "idme-status-report-drop.yaml");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        p.put("sisbridge.roster.enabled", "true");
        p.put("sisbridge.reports.drop-enabled", "true");
        p.put("sisbridge.roster.inbox", root().resolve("rosters").toString());
        p.put("sisbridge.reports.inbox", root().resolve("reports").toString());
        p.put("sisbridge.roster.inbox-poll-interval-ms", "50");
        p.put("sisbridge.reports.inbox-poll-interval-ms", "50");
        p.put("sisbridge.roster.inbox-settle-ms", "10");
        p.put("sisbridge.reports.inbox-settle-ms", "10");
        p.put("sisbridge.roster.initial-delay-ms", "0");
        return p;
    }

    @Override
    protected void bindFlowBeans(Registry registry) {
        registry.bind("rosterInboxGuard", new DropFolderGuard("Roster", RosterBeans.INBOX_FILES, 10, UNFINISHED_WAIT_MS));
        registry.bind("reportInboxGuard", new DropFolderGuard("Report", ReportsBeans.INBOX_FILES, 10, UNFINISHED_WAIT_MS));
        registry.bind("rosterFileLoader", loaders.rosterLoader);
        registry.bind("rosterResultsFiles", loaders);
        registry.bind("reportDropFolder", loaders);
    }

    @Test
    void aRosterFileIsLoadedThenMovedToDone() throws Exception {
        NotifyBuilder taken = new NotifyBuilder(context).fromRoute("roster-drop-files").whenDone(1).create();
        startWithUpstreamMock();
        Files.writeString(root().resolve("rosters/spring.csv"), "local_id\n1\n");

        assertThat(taken.matches(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(root().resolve("rosters/spring.csv")));
        try (var done = Files.list(root().resolve("rosters/done"))) {
            assertThat(done.map(f -> f.getFileName().toString())).singleElement().asString().endsWith("-spring.csv");
        }
        assertThat(loaders.rosters).containsExactly("spring.csv");
        assertThat(activity.lastFailure("roster-drop", "all")).isNull();
    }

    @Test
    void theResultsTimersDatabaseFailureIsOneRecordedFailureNotARetry() throws Exception {
        loaders.failWith = new SQLException("Connection is closed", "08003");
        NotifyBuilder ran = new NotifyBuilder(context).fromRoute("roster-drop-results").whenDone(1).create();
        startWithUpstreamMock();

        assertThat(ran.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(loaders.resultRuns.get(0)).isEqualTo(1);
        assertThat(activity.lastFailure("roster-results", "all")).contains("08003");
    }

    @Test
    void aReportFileWhoseLoadFailsOnTheDatabaseStaysInTheInbox() throws Exception {
        loaders.failWith = new SQLException("Connection is closed", "08003");
        startWithUpstreamMock();
        Path file = root().resolve("reports/daily.csv");
        Files.writeString(file, "mis_code\n111\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> activity.lastFailure("idme-status-report-drop", "all") != null);
        assertThat(activity.lastFailure("idme-status-report-drop", "all")).contains("08003");
        assertThat(file).exists();
        assertThat(root().resolve("reports/done/daily.csv")).doesNotExist();
    }

    @Test
    void aReportFileWhoseLoadWasStoppedByShutdownStaysInTheInboxWithoutAFailure() throws Exception {
        loaders.stopped = true;
        NotifyBuilder taken = new NotifyBuilder(context).fromRoute("idme-status-report-drop").whenFailed(1).create();
        startWithUpstreamMock();
        Path file = root().resolve("reports/daily.csv");
        Files.writeString(file, "mis_code\n111\n");

        assertThat(taken.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(file).exists();
        assertThat(activity.lastFailure("idme-status-report-drop", "all")).isNull();
    }

    @Test
    void aReportFileCutOffMidLineStaysInTheInboxUntilItHasNotChangedForTheUnfinishedWait() throws Exception {
        startWithUpstreamMock();
        Files.createDirectories(root().resolve("reports"));
        // a copy paused longer than the settle time: the read lock alone would take it half-written
        Path cut = root().resolve("reports/cut.csv");
        Files.writeString(cut, "mis_code,cccid\n111,ABC1234\n111,AB");
        Files.setLastModifiedTime(cut, FileTime.from(Instant.now().minusSeconds(5)));
        Path whole = root().resolve("reports/whole.csv");
        Files.writeString(whole, "mis_code,cccid\n111,ABC1234\n");

        // scans go on past it: a later, whole file is taken while the cut one waits
        await().atMost(Duration.ofSeconds(20)).until(() -> loaders.reports.contains("whole.csv"));
        assertThat(loaders.reports).containsExactly("whole.csv");
        assertThat(cut).exists();

        Files.setLastModifiedTime(cut, FileTime.from(Instant.now().minusMillis(UNFINISHED_WAIT_MS + 1000)));
        await().atMost(Duration.ofSeconds(20)).until(() -> loaders.reports.contains("cut.csv"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(root().resolve("reports/done/cut.csv")));
    }

    @Test
    void anEmptyWorkbookOrTextFileInTheRosterInboxGoesToErrorAndDoesNotHoldUpTheFolder() throws Exception {
        startWithUpstreamMock();
        Path rosters = root().resolve("rosters");
        Files.createDirectories(rosters);
        Files.createFile(rosters.resolve("empty.xlsx"));
        Files.createFile(rosters.resolve("empty.txt"));
        Files.writeString(rosters.resolve("good.csv"), "local_id\nS1\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(rosters.resolve("error/empty.xlsx.reason"))
                && Files.exists(rosters.resolve("error/empty.txt.reason")) && loaders.rosters.contains("good.csv"));
        assertThat(rosters.resolve("empty.xlsx")).doesNotExist();
        assertThat(rosters.resolve("empty.txt")).doesNotExist();
        assertThat(rosters.resolve("error/empty.xlsx")).exists();
        assertThat(Files.readString(rosters.resolve("error/empty.txt.reason"))).contains("empty");
        assertThat(loaders.rosters).containsExactly("good.csv");
    }

    /** The roster loader, results writer and report drop folder without a database. */
    public static final class StubLoaders {
        final List<String> rosters = new CopyOnWriteArrayList<>();
        final List<String> reports = new CopyOnWriteArrayList<>();
        final List<Integer> resultRuns = new CopyOnWriteArrayList<>();
        volatile SQLException failWith;
        volatile boolean stopped;

        /** The roster loader's side (its method has the report drop folder's name). */
        public final RosterLoader rosterLoader = new RosterLoader(this);

        public void writeSettled() throws SQLException {
            resultRuns.add(resultRuns.size() + 1);
            if (failWith != null) {
                throw failWith;
            }
        }

        public void take(Exchange exchange) throws SQLException, ReportLoadStoppedException {
            exchange.getMessage().setHeader("reportDropTarget", "done/" + exchange.getMessage().getHeader(Exchange.FILE_NAME));
            if (stopped) {
                throw new ReportLoadStoppedException("daily", 0);
            }
            if (failWith != null) {
                throw failWith;
            }
            reports.add(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class));
        }
    }

    /** The roster loader without a database: a loaded file moves to done/ as the real one says. */
    public static final class RosterLoader {
        private final StubLoaders loaders;

        RosterLoader(StubLoaders loaders) {
            this.loaders = loaders;
        }

        public void take(Exchange exchange) throws SQLException {
            String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
            exchange.getMessage().setHeader(RosterFileLoader.TARGET, "done/20260101-000000000-" + fileName);
            if (loaders.failWith != null) {
                throw loaders.failWith;
            }
            loaders.rosters.add(fileName);
        }
    }
}
