package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** The simulator's reports: true sha256 and row counts, and rows that agree with the events sent. */
class ReportCatalogTest {

    @Test
    void listedSha256AndRowCountAreThoseOfTheBytesServed() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 3000;
        settings.reports.bom = true;
        settings.reports.quotedFields = true;
        ReportCatalog catalog = new ReportCatalog(settings, new EventFeed(settings));
        assertThat(catalog.reports("111", null)).extracting(ReportCatalog.Entry::reportId)
                .containsExactly("111-DAILY-2024-01-01", "111-DAILY-2024-01-02", "111-WEEKLY-2024-01-01");
        for (ReportCatalog.Entry entry : catalog.reports("111", null)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            catalog.write(entry, bytes);
            ReportCatalog.Fingerprint listed = catalog.fingerprint(entry);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())))
                    .isEqualTo(listed.sha256());
            assertThat((long) bytes.size()).isEqualTo(listed.bytes());
            long[] rows = {0};
            catalog.rows(entry).forEachRemaining(r -> rows[0]++);
            assertThat(rows[0]).isEqualTo(listed.rows()).isPositive();
        }
        assertThat(catalog.reports("111", java.time.LocalDate.parse("2024-01-02"))).hasSize(2);
    }

    @Test
    void rowsAgreeWithTheEventsTheFeedSent() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 3000;
        EventFeed feed = new EventFeed(settings);
        ReportCatalog catalog = new ReportCatalog(settings, feed);
        int compared = 0;
        for (Iterator<ReportRow> rows = catalog.rows(catalog.reports("111", null).get(1)); rows.hasNext(); ) {
            ReportRow row = rows.next();
            SimulatedEvent event = feed.event("111", row.eventIndex());
            assertThat(row.changedAt()).isEqualTo(event.eventTimestamp().substring(0, 16).replace('T', ' '));
            if (event.anomaly() == EventAnomaly.NONE) {
                assertThat(row.cccid()).isEqualTo(event.cccid());
                assertThat(row.currentStatus()).isEqualTo(event.idmeStatus());
                assertThat(row.previousStatus()).isEqualTo(event.previousIdmeStatus()).isNotEmpty();
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(500);
    }
}
