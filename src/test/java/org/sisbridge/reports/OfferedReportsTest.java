package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.SettableClock;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The listing's offers are each MIS code's last listing, read back as written (a report without a
 * period end too), replaced whole by the next, and not written again when a poll offers the same.
 */
class OfferedReportsTest {

    private static final ReportListing DAILY = listing("D-1", "aa", LocalDate.of(2026, 3, 1));
    private static final ReportListing WEEKLY = listing("W-1", "bb", LocalDate.of(2026, 3, 7));
    private static final ReportListing UNDATED = listing("X-1", "cc", null);

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void eachListingReplacesItsMisCodesOffersAndOnlyThose(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "report-offers");
        DataSource ds = database.dataSource();
        StagingSchemaMigrator.migrate(ds, database.kind());
        SettableClock clock = new SettableClock(Instant.parse("2026-03-08T10:00:00Z"));
        OfferedReports offers = new OfferedReports(ds, clock);

        offers.remember("111", List.of(DAILY, WEEKLY, UNDATED));
        offers.remember("222", List.of(DAILY));
        assertThat(offers.of("111")).containsExactlyInAnyOrder(offer(DAILY), offer(WEEKLY), offer(UNDATED));

        clock.advance(Duration.ofHours(1));
        offers.remember("111", List.of(WEEKLY, DAILY, UNDATED)); // the same offers: nothing is written
        assertThat(database.queries().column("SELECT DISTINCT offered_at FROM sisbridge_report_offer WHERE mis_code = '111'"))
                .hasSize(1).allSatisfy(at -> assertThat(at.toString()).startsWith("2026-03-08 10:00"));

        offers.remember("111", List.of(WEEKLY));
        assertThat(offers.of("111")).containsExactly(offer(WEEKLY));
        offers.remember("111", List.of());
        assertThat(offers.of("111")).isEmpty();
        assertThat(offers.of("222")).containsExactly(offer(DAILY));
    }

    private static ReportListing listing(String id, String hexPair, LocalDate periodEnd) {
        return new ReportListing(id, "daily", periodEnd, periodEnd, 10, hexPair.repeat(32), "/reports/" + id);
    }

    private static OfferedReports.Offer offer(ReportListing listing) {
        return new OfferedReports.Offer(listing.reportId(), listing.sha256(), listing.periodEnd());
    }
}
