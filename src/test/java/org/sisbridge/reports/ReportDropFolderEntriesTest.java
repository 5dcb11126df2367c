package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/** The report drop folder never reads a link or an empty file: both go to error/ with a reason. */
class ReportDropFolderEntriesTest {

    @Test
    void aLinkToAReportOutsideTheInboxAndAnEmptyFileGoToErrorUnread() throws Exception {
        Path work = ReportsAgent.workDir("drop-entries");
        Path inbox = work.resolve("inbox");
        try (AgentFixture fixture = ReportsAgent.fixture(new SimulatorSettings(), TestDatabase.h2File("reports-drop-entries"), work)
                .property("sisbridge.reports.enabled", false)) {
            fixture.start();
            ReportCatalog catalog = fixture.simulator.reports();
            ReportCatalog.Entry day = catalog.find("111", "111-DAILY-2024-01-01").orElseThrow();
            Path outside = work.resolve("elsewhere/111-DAILY-2024-01-01.csv");
            Files.createDirectories(outside.getParent());
            try (OutputStream out = Files.newOutputStream(outside)) {
                catalog.write(day, out);
            }
            Files.createDirectories(inbox);
            Files.createSymbolicLink(inbox.resolve("111-DAILY-2024-01-01.csv"), outside);
            Files.createFile(inbox.resolve("empty.csv"));

            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("error/111-DAILY-2024-01-01.csv.reason"))
                    && Files.exists(inbox.resolve("error/empty.csv.reason")));
            assertThat(Files.isSymbolicLink(inbox.resolve("error/111-DAILY-2024-01-01.csv"))).isTrue();
            assertThat(Files.readString(inbox.resolve("error/111-DAILY-2024-01-01.csv.reason"))).contains("symbolic link");
            assertThat(Files.readString(inbox.resolve("error/empty.csv.reason"))).contains("empty");
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_report_load")).isZero();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isZero();
        }
    }
}
