package org.sisbridge.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Expiry is 365 days after the latest verified status of either source, unless a later change
 * superseded it; recent changes list each change once even when both sources carried it.
 */
class ExpiringVerificationsTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 12, 0);

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    void latestVerifiedOfEitherSourceCountsUnlessSuperseded(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "staff-expiring");
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        LocalDateTime yearAgo = NOW.minusDays(365);
        new StatusRows(database)
                // verified 355 days ago by both sources: expires in 10 days, listed once
                .event("AAA1111", "verified", yearAgo.plusDays(10), "Ana", "Alvarez")
                .report("AAA1111", "verified", yearAgo.plusDays(10))
                // verified 345 days ago by the report only: expires in 20 days
                .report("BBB2222", "verified", yearAgo.plusDays(20))
                // verified in the window, then unverified: superseded, not listed
                .event("CCC3333", "verified", yearAgo.plusDays(5), null, null)
                .report("CCC3333", "unverified", yearAgo.plusDays(40))
                // verified in the window, verified again later: the later year counts, not listed
                .report("DDD4444", "verified", yearAgo.plusDays(3))
                .event("DDD4444", "verified", NOW.minusDays(2), null, null)
                // verified 300 days ago: expires in 65 days, beyond the 30-day window
                .event("EEE5555", "verified", NOW.minusDays(300), null, null)
                // verified 400 days ago: already expired, not "about to"
                .event("FFF6666", "verified", NOW.minusDays(400), null, null);
        ExpiringVerifications expiring = new ExpiringVerifications(database.dataSource(), StatusRows.genericSources());

        var soon = expiring.within(NOW, 30);

        assertThat(soon).extracting(ExpiringVerifications.Expiring::cccId).containsExactly("AAA1111", "BBB2222");
        assertThat(soon.get(0).expiresAt()).isEqualTo(NOW.plusDays(10));
        assertThat(expiring.within(NOW, 70)).extracting(ExpiringVerifications.Expiring::cccId)
                .containsExactly("AAA1111", "BBB2222", "EEE5555");

        RecentStatusChanges recent = new RecentStatusChanges(database.dataSource(), StatusRows.genericSources());
        var changes = recent.between(yearAgo, yearAgo.plusDays(11), 100);
        assertThat(changes).extracting(RecentStatusChanges.Change::cccId).containsExactly("AAA1111", "CCC3333", "DDD4444");
        assertThat(changes.get(0).sources()).containsExactly("events", "reports");
        assertThat(recent.between(yearAgo, NOW, 2)).hasSize(2);
        assertThat(new StudentNames(database.dataSource(), StatusRows.genericSources()).of(java.util.List.of("AAA1111", "BBB2222")))
                .containsExactly(java.util.Map.entry("AAA1111", "Ana Alvarez"));
    }
}
