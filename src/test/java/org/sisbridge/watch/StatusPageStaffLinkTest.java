package org.sisbridge.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sisbridge.status.StatusSnapshot;

/**
 * The IT status page links to the staff pages only where they are served: with
 * sisbridge.watch.staff-pages-enabled=false the link led to a 404.
 */
class StatusPageStaffLinkTest {

    private static final StatusSnapshot NOTHING_YET = new StatusSnapshot(Instant.parse("2026-11-30T12:00:00Z"), List.of(),
            List.of(), List.of(), Map.of(), Map.of(), List.of(), StatusSnapshot.RosterBatchesToLookAt.NONE, List.of(), Map.of(), null, List.of(), List.of(), List.of(),
            List.of(), List.of());

    @Test
    void theStaffLinkIsThereOnlyWhenTheStaffPagesAre() {
        assertThat(new StatusPageHtml(ZoneId.of("UTC"), 30, true).render(NOTHING_YET))
                .contains("<a id=\"staff-pages\" href=\"/staff\">Staff pages</a>");
        assertThat(new StatusPageHtml(ZoneId.of("UTC"), 30, false).render(NOTHING_YET))
                .doesNotContain("staff-pages").doesNotContain("href=\"/staff\"").contains("</header>");
    }

    /** IT sees a guessing attack on the staff login while it makes logins wait, not only in the log. */
    @Test
    void thePageSaysWhichLoginsWaitAfterFailedLogins() {
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneId.of("UTC"));
        org.sisbridge.staff.login.LoginThrottle throttle = new org.sisbridge.staff.login.LoginThrottle(3, 10, 30,
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(900), 100, clock);
        StatusPageHtml html = new StatusPageHtml(ZoneId.of("UTC"), 30, true, throttle);
        assertThat(html.render(NOTHING_YET)).as("no failed login yet").doesNotContain("logins-waiting");
        for (int i = 0; i < 3; i++) {
            throttle.failed("ana", "10.0.0.66");
        }
        assertThat(html.render(NOTHING_YET)).contains("<p id=\"logins-waiting\" data-name-from-address=\"1\" data-addresses=\"0\""
                + " data-names=\"0\">Staff logins waiting after failed logins: 1 user name from one computer, 0 computers for any"
                + " name, 0 user names from computers they have not logged in from");
    }
}
